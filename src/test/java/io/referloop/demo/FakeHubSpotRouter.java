package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The WireMock extension that answers every request: authentication, rate limit, injected failures, then the
 * Properties or objects API. One lock, shared with {@link FakeHubSpot}, serialises all state.
 */
final class FakeHubSpotRouter implements ResponseDefinitionTransformerV2 {

    static final String CONTENT_TYPE = "application/json;charset=utf-8";
    private static final String NO_CREDENTIALS = "Authentication credentials not found. This API supports OAuth 2.0 "
            + "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    private final Object lock;
    private final String accessToken;
    private final FakeHubSpotSchema schema;
    private final FakeHubSpotObjects objects;
    private final FakeHubSpotAssociations associations;
    private final FakeHubSpotUsers users;
    final FakeHubSpotRateLimiter limiter = new FakeHubSpotRateLimiter();
    final FakeHubSpotFaults faults = new FakeHubSpotFaults();
    int requestCount;
    int rateLimitedCount;
    int failuresLeft;
    int failureStatus;
    /** Scopes the private app lacks; only the {@code crm.objects.<type>.read} ones and {@code settings.users.read} are checked. */
    final java.util.Set<String> revokedScopes = new java.util.HashSet<>();

    FakeHubSpotRouter(Object lock, String accessToken, FakeHubSpotSchema schema, FakeHubSpotObjects objects,
                      FakeHubSpotAssociations associations, FakeHubSpotUsers users) {
        this.associations = associations;
        this.users = users;
        this.lock = lock;
        this.accessToken = accessToken;
        this.schema = schema;
        this.objects = objects;
    }

    @Override
    public String getName() {
        return "fake-hubspot";
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
        if (path.isEmpty() || !(path.get(0).equals("crm") || path.get(0).equals("settings"))) {
            return render(notFound(method, path).reply(), Map.of());
        }
        requestCount++;
        if (!authorised(request.getHeader("Authorization"))) {
            return render(new FakeHubSpotError(401, "INVALID_AUTHENTICATION", NO_CREDENTIALS).reply(), Map.of());
        }
        String policy = limiter.acquire();
        if (policy != null) {
            rateLimitedCount++;
            return render(new FakeHubSpotReply(429, rateLimited(policy)), limiter.headers());
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return render(new FakeHubSpotError(failureStatus, "INTERNAL_ERROR", "internal error").reply(), Map.of());
        }
        FakeHubSpotFaults.Kind fault = faults.next();
        if (fault == FakeHubSpotFaults.Kind.SERVER_ERROR) {
            return render(new FakeHubSpotError(faults.serverStatus(), "INTERNAL_ERROR", "internal error").reply(), Map.of());
        }
        if (fault == FakeHubSpotFaults.Kind.RATE_LIMITED) {
            rateLimitedCount++;
            Map<String, String> headers = new LinkedHashMap<>(limiter.headers());
            headers.put("X-HubSpot-RateLimit-Remaining", "0");
            return render(new FakeHubSpotReply(429, rateLimited("TEN_SECONDLY_ROLLING")), headers);
        }
        if (fault == FakeHubSpotFaults.Kind.CONNECTION_RESET) {
            return WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        FakeHubSpotReply reply;
        try {
            reply = route(method, path, request);
        } catch (FakeHubSpotError e) {
            reply = e.reply();
        }
        boolean search = method.equals("POST") && path.get(path.size() - 1).equals("search");
        ResponseDefinition answer = render(reply, search ? Map.of() : limiter.headers());
        if (fault == FakeHubSpotFaults.Kind.SLOW) {
            return ResponseDefinitionBuilder.like(answer).withFixedDelay((int) faults.slowAnswer().toMillis()).build();
        }
        return answer;
    }

    private FakeHubSpotReply route(String method, List<String> path, Request request) {
        if (path.size() >= 3 && path.get(0).equals("settings") && path.get(1).equals("v3") && path.get(2).equals("users")) {
            if (revokedScopes.contains("settings.users.read")) {
                throw FakeHubSpotError.missingScope("settings.users.read");
            }
            return users.handle(method, path.subList(3, path.size()));
        }
        if (!path.get(0).equals("crm")) {
            throw notFound(method, path);
        }
        if (path.size() >= 4 && path.get(1).equals("v3")
                && (path.get(2).equals("properties") || path.get(2).equals("objects"))) {
            FakeHubSpotType type = FakeHubSpotType.fromPath(path.get(3)).orElseThrow(() ->
                    FakeHubSpotError.validation("Unable to infer object type from: " + path.get(3)));
            List<String> rest = path.subList(4, path.size());
            String readScope = "crm.objects." + type.pathName() + ".read";
            if (path.get(2).equals("objects") && revokedScopes.contains(readScope) && isRead(method, rest)) {
                throw FakeHubSpotError.missingScope(readScope);
            }
            String schemaWriteScope = "crm.schemas." + type.pathName() + ".write";
            if (path.get(2).equals("properties") && revokedScopes.contains(schemaWriteScope) && method.equals("POST")) {
                throw FakeHubSpotError.missingScope(schemaWriteScope);
            }
            return path.get(2).equals("properties")
                    ? schema.handle(method, type, rest, request.getBodyAsString())
                    : objects.handle(method, type, rest, request);
        }
        if (path.size() >= 2 && path.get(1).equals("v4")) {
            return associations.handle(method, path.subList(2, path.size()), request.getBodyAsString());
        }
        throw notFound(method, path);
    }

    private static boolean isRead(String method, List<String> rest) {
        return method.equals("GET") || rest.equals(List.of("batch", "read")) || rest.equals(List.of("search"));
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return authorization.substring(7).trim().equals(accessToken);
    }

    private static ObjectNode rateLimited(String policy) {
        ObjectNode body = FakeHubSpotJson.object();
        body.put("status", "error");
        body.put("message", policy.equals("DAILY") ? "You have reached your daily limit."
                : "You have reached your ten_secondly_rolling limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("policyName", policy);
        body.put("requestId", UUID.randomUUID().toString());
        return body;
    }

    private static FakeHubSpotError notFound(String method, List<String> path) {
        return FakeHubSpotError.notFound("No route for " + method + " /" + String.join("/", path));
    }

    private static ResponseDefinition render(FakeHubSpotReply reply, Map<String, String> headers) {
        ResponseDefinitionBuilder response = WireMock.aResponse()
                .withStatus(reply.status())
                .withHeader("Content-Type", CONTENT_TYPE)
                .withBody(reply.body().toString());
        headers.forEach((name, value) -> response.withHeader(name, value));
        return response.build();
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
