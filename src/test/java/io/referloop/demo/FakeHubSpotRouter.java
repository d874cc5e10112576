package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * HubSpot's router: authentication, rate limit, injected failures, then the Properties, objects, associations or
 * users API.
 */
final class FakeHubSpotRouter extends FakeRouter {

    private static final String NO_CREDENTIALS = "Authentication credentials not found. This API supports OAuth 2.0 "
            + "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    private final String accessToken;
    private final FakeHubSpotSchema schema;
    private final FakeHubSpotObjects objects;
    private final FakeHubSpotAssociations associations;
    private final FakeHubSpotUsers users;
    final FakeHubSpotRateLimiter limiter = new FakeHubSpotRateLimiter();
    final FakeHubSpotFaults faults = new FakeHubSpotFaults();
    final FakeInjections injections = new FakeInjections();
    int rateLimitedCount;
    /** Scopes the private app lacks; only the {@code crm.objects.<type>.read} ones and {@code settings.users.read} are checked. */
    final Set<String> revokedScopes = new HashSet<>();

    FakeHubSpotRouter(Object lock, String accessToken, FakeHubSpotSchema schema, FakeHubSpotObjects objects,
                      FakeHubSpotAssociations associations, FakeHubSpotUsers users) {
        super(lock, "application/json;charset=utf-8");
        this.associations = associations;
        this.users = users;
        this.accessToken = accessToken;
        this.schema = schema;
        this.objects = objects;
    }

    @Override
    ResponseDefinition answer(Request request) {
        String method = request.getMethod().getName();
        String rawPath = path(request.getUrl());
        List<String> path = segments(rawPath);
        if (path.isEmpty() || !(path.get(0).equals("crm") || path.get(0).equals("settings"))) {
            return render(notFound(method, path).reply(rawPath), Map.of());
        }
        injections.requestCount++;
        if (!presents(request.getHeader("Authorization"), "Bearer ", accessToken)) {
            return render(new FakeHubSpotError(401, "INVALID_AUTHENTICATION", NO_CREDENTIALS).reply(rawPath), Map.of());
        }
        String policy = limiter.acquire();
        if (policy != null) {
            rateLimitedCount++;
            return render(new FakeReply(429, rateLimited(policy)), limiter.headers());
        }
        int failure = injections.takeFailure();
        if (failure != 0) {
            return render(internalError(failure).reply(rawPath), Map.of());
        }
        FakeHubSpotFaults.Kind fault = faults.next(path.size() > 2 && path.get(2).equals("objects"));
        if (fault == FakeHubSpotFaults.Kind.SERVER_ERROR) {
            return render(internalError(faults.serverStatus()).reply(rawPath), Map.of());
        }
        if (fault == FakeHubSpotFaults.Kind.RATE_LIMITED) {
            rateLimitedCount++;
            Map<String, String> headers = new LinkedHashMap<>(limiter.headers());
            headers.put("X-HubSpot-RateLimit-Remaining", "0");
            headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(faults.rateLimitWait().toMillis()));
            return render(new FakeReply(429, rateLimited("TEN_SECONDLY_ROLLING")), headers);
        }
        if (fault == FakeHubSpotFaults.Kind.CONNECTION_RESET) {
            return connectionReset();
        }
        FakeReply reply = handled(rawPath, () -> route(method, path, request));
        boolean search = method.equals("POST") && path.get(path.size() - 1).equals("search");
        ResponseDefinition answer = render(reply, search ? Map.of() : limiter.headers());
        if (fault == FakeHubSpotFaults.Kind.SLOW) {
            return ResponseDefinitionBuilder.like(answer).withFixedDelay((int) faults.slowAnswer().toMillis()).build();
        }
        return answer;
    }

    private FakeReply route(String method, List<String> path, Request request) {
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

    private static FakeHubSpotError internalError(int status) {
        return new FakeHubSpotError(status, "INTERNAL_ERROR", "internal error");
    }

    private static ObjectNode rateLimited(String policy) {
        ObjectNode body = FakeJson.object();
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
        return FakeHubSpotError.notFound(noRoute(method, path));
    }
}
