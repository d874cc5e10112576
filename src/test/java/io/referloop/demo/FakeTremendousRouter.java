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
import java.util.List;

/**
 * The WireMock extension that answers every request: bearer authentication, injected failures, the orders API,
 * then the injected reset or delay. One lock, shared with {@link FakeTremendous}, serialises all state; a delayed
 * answer waits outside the lock, so a retry is served (and sees the recorded order) while the first call hangs.
 */
final class FakeTremendousRouter implements ResponseDefinitionTransformerV2 {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final Object lock;
    private final String apiKey;
    private final FakeTremendousOrders orders;
    int requestCount;
    int failuresLeft;
    int failureStatus;
    int resetsLeft;
    int delaysLeft;
    int delayMillis;

    FakeTremendousRouter(Object lock, String apiKey, FakeTremendousOrders orders) {
        this.lock = lock;
        this.apiKey = apiKey;
        this.orders = orders;
    }

    @Override
    public String getName() {
        return "fake-tremendous";
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
        if (path.size() < 2 || !path.get(0).equals("api") || !path.get(1).equals("v2")) {
            return render(notFound(method, path).reply()).build();
        }
        requestCount++;
        if (!authorised(request.getHeader("Authorization"))) {
            return render(FakeTremendousError.unauthorized().reply()).build();
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return render(FakeTremendousError.injected(failureStatus).reply()).build();
        }
        FakeTremendousReply reply;
        try {
            reply = route(method, path.subList(2, path.size()), request.getBodyAsString());
        } catch (FakeTremendousError e) {
            reply = e.reply();
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

    private FakeTremendousReply route(String method, List<String> rest, String body) {
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
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return authorization.substring(7).trim().equals(apiKey);
    }

    private static FakeTremendousError notFound(String method, List<String> path) {
        return FakeTremendousError.notFound("No route for " + method + " /" + String.join("/", path));
    }

    private static ResponseDefinitionBuilder render(FakeTremendousReply reply) {
        return WireMock.aResponse()
                .withStatus(reply.status())
                .withHeader("Content-Type", CONTENT_TYPE)
                .withBody(reply.body().toString());
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
