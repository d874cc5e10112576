package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.referloop.demo.FakeSalesforceSchema.Field;
import io.referloop.demo.FakeSalesforceSchema.SObjectType;
import io.referloop.demo.FakeSalesforceStore.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce's router: OAuth token and revoke, then for {@code /services/data/} bearer authentication, the API
 * limit, usage counting and the REST resources.
 */
final class FakeSalesforceRouter extends FakeRouter {

    static final int DAILY_LIMIT = 15000;
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

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
        super(lock, "application/json;charset=UTF-8");
        this.oauth = oauth;
        this.schema = schema;
        this.store = store;
        this.query = new FakeSalesforceQuery(schema, store);
        this.collections = new FakeSalesforceCollections(schema, store);
    }

    @Override
    ResponseDefinition answer(Request request) {
        String method = request.getMethod().getName();
        String rawPath = path(request.getUrl());
        List<String> path = segments(rawPath);
        if (path.size() == 3 && path.get(0).equals("services") && path.get(1).equals("oauth2")) {
            if (path.get(2).equals("token") && method.equals("POST")) {
                return render(oauth.token(request.getBodyAsString()), Map.of());
            }
            if (path.get(2).equals("revoke") && (method.equals("GET") || method.equals("POST"))) {
                String token = parameters(request.getUrl()).get("token");
                if (token == null && method.equals("POST")) {
                    token = FakeSalesforceOAuth.form(request.getBodyAsString()).get("token");
                }
                return render(oauth.revoke(token), Map.of());
            }
        }
        if (path.size() < 2 || !path.get(0).equals("services") || !path.get(1).equals("data")) {
            return render(FakeSalesforceError.notFound().reply(rawPath), Map.of());
        }
        if (path.size() == 2 && method.equals("GET")) {
            return render(FakeReply.ok(versions()), Map.of());
        }
        if (!oauth.valid(bearer(request))) {
            return render(new FakeSalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid").reply(rawPath),
                    limitInfo());
        }
        if (limitExhausted) {
            return render(new FakeSalesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                    .reply(rawPath), limitInfo());
        }
        apiUsage++;
        return render(handled(rawPath, () -> route(method, path, request)), limitInfo());
    }

    private FakeReply route(String method, List<String> path, Request request) {
        if (!VERSION.matcher(path.get(2)).matches()) {
            throw FakeSalesforceError.notFound();
        }
        String version = path.get(2);
        List<String> rest = path.subList(3, path.size());
        String first = rest.isEmpty() ? "" : rest.get(0);
        if (method.equals("GET")) {
            if (rest.isEmpty()) {
                return FakeReply.ok(resources(version));
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
                return FakeReply.ok(limits());
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
    private FakeReply sobjects(String version, List<String> rest, Request request) {
        if (rest.isEmpty()) {
            return FakeReply.ok(schema.globalDescribe());
        }
        SObjectType type = schema.type(rest.get(0));
        if (type == null || rest.size() > 2) {
            throw FakeSalesforceError.notFound();
        }
        if (rest.size() == 1) {
            ObjectNode body = FakeJson.object();
            body.set("objectDescribe", type.summary());
            body.putArray("recentItems");
            return FakeReply.ok(body);
        }
        if (rest.get(1).equals("describe")) {
            return FakeReply.ok(type.describe());
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
        return FakeReply.ok(FakeSalesforceQuery.render(record, fields, version));
    }

    private ObjectNode limits() {
        ObjectNode body = FakeJson.object();
        ObjectNode daily = body.putObject("DailyApiRequests");
        daily.put("Max", DAILY_LIMIT);
        daily.put("Remaining", Math.max(0, DAILY_LIMIT - apiUsage));
        return body;
    }

    private static ArrayNode versions() {
        ArrayNode body = FakeJson.array();
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
        ObjectNode body = FakeJson.object();
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

    /** The decoded query parameters of a URL ({@code +} as a space, as Salesforce reads them); first value wins. */
    static Map<String, String> parameters(String url) {
        int q = url.indexOf('?');
        return FakeSalesforceOAuth.form(q < 0 ? "" : url.substring(q + 1));
    }
}
