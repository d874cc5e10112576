package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.referloop.demo.FakeSalesforceSchema.Field;
import io.referloop.demo.FakeSalesforceSchema.SObjectType;
import io.referloop.demo.FakeSalesforceStore.Record;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WireMock extension that answers every request: OAuth token and revoke, then for {@code /services/data/}
 * bearer authentication, the API limit, usage counting and the REST resources. One lock, shared with
 * {@link FakeSalesforce}, serialises all state.
 */
final class FakeSalesforceRouter implements ResponseDefinitionTransformerV2 {

    static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    static final int DAILY_LIMIT = 15000;
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    private final Object lock;
    private final FakeSalesforceOAuth oauth;
    private final FakeSalesforceSchema schema;
    private final FakeSalesforceStore store;
    final FakeSalesforceQuery query;
    final FakeSalesforceCollections collections;
    int apiUsage;
    int queryRequests;
    final List<FakeSalesforce.Query> queries = new ArrayList<>();
    boolean limitExhausted;

    FakeSalesforceRouter(Object lock, FakeSalesforceOAuth oauth, FakeSalesforceSchema schema, FakeSalesforceStore store) {
        this.lock = lock;
        this.oauth = oauth;
        this.schema = schema;
        this.store = store;
        this.query = new FakeSalesforceQuery(schema, store);
        this.collections = new FakeSalesforceCollections(schema, store);
    }

    @Override
    public String getName() {
        return "fake-salesforce";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        synchronized (lock) {
            return answer(request);
        }
    }

    private ResponseDefinition answer(Request request) {
        String method = request.getMethod().getName();
        List<String> path = segments(request.getUrl());
        if (path.size() == 3 && path.get(0).equals("services") && path.get(1).equals("oauth2")) {
            if (path.get(2).equals("token") && method.equals("POST")) {
                return render(oauth.token(request.getBodyAsString()), null);
            }
            if (path.get(2).equals("revoke") && (method.equals("GET") || method.equals("POST"))) {
                String token = parameters(request.getUrl()).get("token");
                if (token == null && method.equals("POST")) {
                    token = FakeSalesforceOAuth.form(request.getBodyAsString()).get("token");
                }
                return render(oauth.revoke(token), null);
            }
        }
        if (path.size() < 2 || !path.get(0).equals("services") || !path.get(1).equals("data")) {
            return render(FakeSalesforceError.notFound().reply(), null);
        }
        if (path.size() == 2 && method.equals("GET")) {
            return render(FakeSalesforceReply.ok(versions()), null);
        }
        if (!oauth.valid(bearer(request))) {
            return render(new FakeSalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid").reply(),
                    limitInfo());
        }
        if (limitExhausted) {
            return render(new FakeSalesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                    .reply(), limitInfo());
        }
        apiUsage++;
        FakeSalesforceReply reply;
        try {
            reply = route(method, path, request);
        } catch (FakeSalesforceError e) {
            reply = e.reply();
        }
        return render(reply, limitInfo());
    }

    private FakeSalesforceReply route(String method, List<String> path, Request request) {
        if (!VERSION.matcher(path.get(2)).matches()) {
            throw FakeSalesforceError.notFound();
        }
        String version = path.get(2);
        List<String> rest = path.subList(3, path.size());
        String first = rest.isEmpty() ? "" : rest.get(0);
        if (method.equals("GET")) {
            if (rest.isEmpty()) {
                return FakeSalesforceReply.ok(resources(version));
            }
            if (first.equals("query") && rest.size() == 1) {
                queryRequests++;
                String soql = parameters(request.getUrl()).get("q");
                queries.add(new FakeSalesforce.Query(bearer(request), soql));
                return query.query(version, soql, batchSize(request));
            }
            if (first.equals("query") && rest.size() == 2) {
                queryRequests++;
                return query.more(rest.get(1));
            }
            if (first.equals("limits") && rest.size() == 1) {
                return FakeSalesforceReply.ok(limits());
            }
            if (first.equals("sobjects")) {
                return sobjects(version, rest.subList(1, rest.size()), request);
            }
        }
        if (method.equals("PATCH") && rest.equals(List.of("composite", "sobjects"))) {
            return collections.update(request.getBodyAsString());
        }
        throw FakeSalesforceError.notFound();
    }

    /** GET sobjects, sobjects/{Type}, sobjects/{Type}/describe, sobjects/{Type}/{id}[?fields=a,b]. */
    private FakeSalesforceReply sobjects(String version, List<String> rest, Request request) {
        if (rest.isEmpty()) {
            return FakeSalesforceReply.ok(schema.globalDescribe());
        }
        SObjectType type = schema.type(rest.get(0));
        if (type == null || rest.size() > 2) {
            throw FakeSalesforceError.notFound();
        }
        if (rest.size() == 1) {
            ObjectNode body = FakeSalesforceJson.object();
            body.set("objectDescribe", type.summary());
            body.putArray("recentItems");
            return FakeSalesforceReply.ok(body);
        }
        if (rest.get(1).equals("describe")) {
            return FakeSalesforceReply.ok(type.describe());
        }
        Record record = store.find(type, rest.get(1));
        if (record == null) {
            throw FakeSalesforceError.notFound();
        }
        List<Field> fields = new ArrayList<>();
        String wanted = parameters(request.getUrl()).get("fields");
        if (wanted == null || wanted.isBlank()) {
            fields.addAll(type.fields());
        } else {
            for (String name : wanted.split(",")) {
                Field field = type.field(name.trim());
                if (field == null) {
                    throw FakeSalesforceError.badRequest("INVALID_FIELD", "No such column '" + name.trim()
                            + "' on entity '" + type.name + "'. If you are attempting to use a custom field, be sure "
                            + "to append the '__c' after the custom field name. Please reference your WSDL or the "
                            + "describe call for the appropriate names.");
                }
                fields.add(field);
            }
        }
        return FakeSalesforceReply.ok(FakeSalesforceQuery.render(record, fields, version));
    }

    private ObjectNode limits() {
        ObjectNode body = FakeSalesforceJson.object();
        ObjectNode daily = body.putObject("DailyApiRequests");
        daily.put("Max", DAILY_LIMIT);
        daily.put("Remaining", Math.max(0, DAILY_LIMIT - apiUsage));
        return body;
    }

    private static ArrayNode versions() {
        ArrayNode body = FakeSalesforceJson.array();
        for (String[] v : new String[][]{{"Winter '25", "62.0"}, {"Spring '25", "63.0"}, {"Summer '25", "64.0"},
                {"Winter '26", "65.0"}, {"Spring '26", "66.0"}}) {
            ObjectNode version = body.addObject();
            version.put("label", v[0]);
            version.put("url", "/services/data/v" + v[1]);
            version.put("version", v[1]);
        }
        return body;
    }

    private static ObjectNode resources(String version) {
        ObjectNode body = FakeSalesforceJson.object();
        for (String name : List.of("sobjects", "query", "limits", "composite")) {
            body.put(name, "/services/data/" + version + "/" + name);
        }
        return body;
    }

    private Map<String, String> limitInfo() {
        int used = limitExhausted ? DAILY_LIMIT : apiUsage;
        return Map.of("Sforce-Limit-Info", "api-usage=" + used + "/" + DAILY_LIMIT);
    }

    private static String bearer(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        for (String scheme : List.of("Bearer ", "OAuth ")) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return value.substring(scheme.length()).trim();
            }
        }
        return null;
    }

    private static Integer batchSize(Request request) {
        String options = request.getHeader("Sforce-Query-Options");
        if (options == null) {
            return null;
        }
        Matcher m = BATCH_SIZE.matcher(options);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static ResponseDefinition render(FakeSalesforceReply reply, Map<String, String> headers) {
        ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(reply.status());
        if (reply.body() != null) {
            response.withHeader("Content-Type", CONTENT_TYPE).withBody(reply.body().toString());
        }
        if (headers != null) {
            headers.forEach(response::withHeader);
        }
        return response.build();
    }

    /** The decoded query parameters of a URL ({@code +} as a space, as Salesforce reads them); first value wins. */
    static Map<String, String> parameters(String url) {
        int q = url.indexOf('?');
        return FakeSalesforceOAuth.form(q < 0 ? "" : url.substring(q + 1));
    }

    private static List<String> segments(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
