package io.referloop.demo;

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
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The WireMock extension that answers every request: basic authentication, the 1-request-per-second limit,
 * injected failures, the orders API, then the injected reset or delay. One lock, shared with {@link FakeTango},
 * serialises all state; a delayed answer waits outside the lock.
 */
final class FakeTangoRouter implements ResponseDefinitionTransformerV2 {

    static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    static final long MIN_GAP_NANOS = 1_000_000_000L;

    private final Object lock;
    private final String expectedAuthorization;
    private final FakeTangoOrders orders;
    int requestCount;
    int rateLimitedCount;
    int failuresLeft;
    int failureStatus;
    int resetsLeft;
    int delaysLeft;
    int delayMillis;
    private boolean anyAccepted;
    private long lastAcceptedNanos;

    FakeTangoRouter(Object lock, String platformName, String apiKey, FakeTangoOrders orders) {
        this.lock = lock;
        this.expectedAuthorization = Base64.getEncoder()
                .encodeToString((platformName + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.orders = orders;
    }

    @Override
    public String getName() {
        return "fake-tango";
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
        String rawPath = path(request.getUrl());
        List<String> path = segments(rawPath);
        if (path.size() < 2 || !path.get(0).equals("raas") || !path.get(1).equals("v2")) {
            return render(notFound(method, path).reply(rawPath)).build();
        }
        requestCount++;
        if (!authorised(request.getHeader("Authorization"))) {
            return render(FakeTangoError.unauthorized().reply(rawPath))
                    .withHeader("WWW-Authenticate", "Basic realm=\"raas\"").build();
        }
        long now = System.nanoTime();
        if (anyAccepted && now - lastAcceptedNanos < MIN_GAP_NANOS) {
            rateLimitedCount++;
            return render(FakeTangoError.rateLimited().reply(rawPath)).withHeader("Retry-After", "1").build();
        }
        anyAccepted = true;
        lastAcceptedNanos = now;
        if (failuresLeft > 0) {
            failuresLeft--;
            return render(FakeTangoError.injected(failureStatus).reply(rawPath)).build();
        }
        FakeTangoReply reply;
        try {
            reply = route(method, path.subList(2, path.size()), request.getBodyAsString());
        } catch (FakeTangoError e) {
            reply = e.reply(rawPath);
        }
        boolean post = method.equals("POST");
        if (post && resetsLeft > 0) {
            resetsLeft--;
            return WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        ResponseDefinitionBuilder response = render(reply);
        if (post && delaysLeft > 0) {
            delaysLeft--;
            response.withFixedDelay(delayMillis);
        }
        return response.build();
    }

    private FakeTangoReply route(String method, List<String> rest, String body) {
        if (!rest.isEmpty() && rest.get(0).equals("orders")) {
            if (method.equals("POST") && rest.size() == 1) {
                return orders.create(body);
            }
            if (method.equals("GET") && rest.size() == 2) {
                return orders.get(rest.get(1));
            }
        }
        throw notFound(method, rest);
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        return authorization.substring(6).trim().equals(expectedAuthorization);
    }

    private static FakeTangoError notFound(String method, List<String> path) {
        return FakeTangoError.notFound("No route for " + method + " /" + String.join("/", path));
    }

    private static ResponseDefinitionBuilder render(FakeTangoReply reply) {
        return WireMock.aResponse()
                .withStatus(reply.status())
                .withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("X-REQUEST-ID", UUID.randomUUID().toString())
                .withBody(reply.body().toString());
    }

    private static String path(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
