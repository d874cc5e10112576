package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Salesforce REST calls Referloop makes, through camel-salesforce (the {@code query} operation for records
 * read by Id, {@code raw} for the rest): the component owns the session (login, re-login, revoke) and the HTTP
 * client; Referloop reads the JSON.
 * API usage from {@code Sforce-Limit-Info} is kept as gauges {@code referloop_salesforce_api_usage} / {@code _limit}.
 */
@Component
public class SalesforceClient {

    private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final ProducerTemplate template;
    private final SalesforceProperties properties;
    private final ObjectMapper json;
    private final AtomicLong apiUsage = new AtomicLong(-1);
    private final AtomicLong apiLimit = new AtomicLong(-1);
    private volatile boolean componentStarted;

    public SalesforceClient(ProducerTemplate template, SalesforceProperties properties, ObjectMapper json,
                            MeterRegistry meters) {
        this.template = template;
        this.properties = properties;
        this.json = json;
        Gauge.builder("referloop.salesforce.api.usage", apiUsage, AtomicLong::get)
                .description("API requests used in the org's 24-hour window (Sforce-Limit-Info)").register(meters);
        Gauge.builder("referloop.salesforce.api.limit", apiLimit, AtomicLong::get)
                .description("API request limit of the org's 24-hour window (Sforce-Limit-Info)").register(meters);
    }

    public boolean enabled() {
        return properties.apiEnabled();
    }

    public long apiUsage() {
        return apiUsage.get();
    }

    /** The first page of a SOQL query. */
    public JsonNode query(String soql) {
        return call("GET", "/services/data/v" + properties.apiVersion() + "/query", Map.of("q", soql), null);
    }

    /**
     * The records of one object with those Ids, read with camel-salesforce's {@code query} operation; a record the
     * org does not have, or does not let the integration user see, is simply not among them. The Ids must be
     * Salesforce ids ({@link SalesforceIds#isId}): they are written into the SOQL.
     */
    public JsonNode recordsById(String object, Collection<String> fields, Collection<String> ids) {
        for (String id : ids) {
            if (!SalesforceIds.isId(id)) {
                throw new IllegalArgumentException("not a Salesforce id: " + id);
            }
        }
        String soql = "SELECT " + String.join(", ", fields) + " FROM " + object + " WHERE Id IN ('"
                + String.join("', '", ids) + "')";
        return send("salesforce:query?rawPayload=true", Map.of("sObjectQuery", soql), "");
    }

    /** The page a {@code nextRecordsUrl} names. */
    public JsonNode next(String nextRecordsUrl) {
        return call("GET", nextRecordsUrl, Map.of(), null);
    }

    public JsonNode describe(String objectType) {
        return call("GET", "/services/data/v" + properties.apiVersion() + "/sobjects/" + objectType + "/describe", Map.of(), null);
    }

    /** sObject Collections update: at most 200 records, allOrNone=false; returns the per-record results in order. */
    public JsonNode updateCollection(JsonNode body) {
        return call("PATCH", "/services/data/v" + properties.apiVersion() + "/composite/sobjects", Map.of(), body.toString());
    }

    private JsonNode call(String method, String path, Map<String, String> query, String body) {
        String uri = "salesforce:raw?rawMethod=" + method + "&rawPath=" + path
                + (query.isEmpty() ? "" : "&rawQueryParameters=" + String.join(",", query.keySet()));
        return send(uri, query, body == null ? "" : body);
    }

    private JsonNode send(String uri, Map<String, String> parameters, String body) {
        Map<String, Object> headers = new HashMap<>(parameters);
        try {
            startComponent();
            Exchange exchange = template.request(uri, e -> {
                e.getIn().setHeaders(headers);
                e.getIn().setHeader("Content-Type", "application/json");
                e.getIn().setBody(body);
            });
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            recordUsage(exchange.getMessage().getHeader("Sforce-Limit-Info", String.class));
            return read(exchange.getMessage().getBody(InputStream.class));
        } catch (SalesforceException e) {
            throw failure(e);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof SalesforceException s) {
                throw failure(s);
            }
            throw new SalesforceApiException(0, null, e.getMessage(), e);
        } catch (SalesforceApiException e) {
            throw e;
        } catch (Exception e) {
            throw new SalesforceApiException(0, null, e.toString(), e);
        }
    }

    /**
     * Camel starts a component on the thread that first looks it up, and meanwhile hands it, not yet started, to any
     * other thread: camel-salesforce, without its session yet, then fails that thread's call (an NPE on
     * {@code this.session}). At start-up the field check and the poller's first tick can look it up together.
     * A component's start waits for a start under way on another thread, so each call goes on with it started.
     */
    private void startComponent() {
        if (!componentStarted) {
            ServiceHelper.startService(template.getCamelContext().getComponent("salesforce"));
            componentStarted = true;
        }
    }

    private SalesforceApiException failure(SalesforceException e) {
        String code = null;
        String message = e.getMessage();
        if (e.getErrors() != null && !e.getErrors().isEmpty()) {
            RestError first = e.getErrors().get(0);
            code = first.getErrorCode();
            message = first.getMessage();
        } else {
            // the raw operation does not parse error bodies: its message is Salesforce's [{message, errorCode}]
            JsonNode first = errorBody(message).path(0);
            if (first.hasNonNull("errorCode")) {
                code = first.get("errorCode").asText();
                message = first.path("message").asText(message);
            }
        }
        return new SalesforceApiException(e.getStatusCode(), code, message, e);
    }

    private JsonNode errorBody(String text) {
        int start = text == null ? -1 : text.indexOf('[');
        if (start < 0) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(text.substring(start));
        } catch (IOException notJson) {
            return json.createArrayNode();
        }
    }

    private void recordUsage(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher m = USAGE.matcher(limitInfo);
        if (m.find()) {
            apiUsage.set(Long.parseLong(m.group(1)));
            apiLimit.set(Long.parseLong(m.group(2)));
        }
    }

    private JsonNode read(InputStream body) throws IOException {
        if (body == null) {
            return json.createObjectNode();
        }
        try (body) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        }
    }
}
