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
import java.util.Map;
import java.util.function.Supplier;

/**
 * The WireMock extension that answers every request to a fake, under the lock that guards all of the fake's state:
 * a global transformer over the one catch-all stub. A delayed answer waits outside the lock, so other requests are
 * served (and see its effect) while it hangs.
 */
abstract class FakeRouter implements ResponseDefinitionTransformerV2 {

    /** The fake's, held while a request is answered. */
    private final Object lock;
    /** The API's JSON content type, to the letter: the APIs spell the charset differently. */
    private final String contentType;

    FakeRouter(Object lock, String contentType) {
        this.lock = lock;
        this.contentType = contentType;
    }

    /** The extension's name in its server, which has no other. */
    @Override
    public final String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public final boolean applyGlobally() {
        return true;
    }

    @Override
    public final ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        synchronized (lock) {
            return answer(request);
        }
    }

    /** The answer to one request, the fake's lock held. */
    abstract ResponseDefinition answer(Request request);

    /** The reply as the API sends it: its status, and its body with the API's content type (none without a body). */
    ResponseDefinitionBuilder render(FakeReply reply) {
        ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(reply.status());
        if (reply.body() != null) {
            response.withHeader("Content-Type", contentType).withBody(reply.body().toString());
        }
        return response;
    }

    final ResponseDefinition render(FakeReply reply, Map<String, String> headers) {
        ResponseDefinitionBuilder response = render(reply);
        headers.forEach(response::withHeader);
        return response.build();
    }

    /** What {@code route} answers, or the error it throws as the API renders it for {@code path}. */
    static FakeReply handled(String path, Supplier<FakeReply> route) {
        try {
            return route.get();
        } catch (FakeApiError e) {
            return e.reply(path);
        }
    }

    static ResponseDefinition connectionReset() {
        return WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }

    /** Whether the Authorization header is {@code scheme} (any case) followed by exactly these credentials. */
    static boolean presents(String authorization, String scheme, String credentials) {
        return authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                && authorization.substring(scheme.length()).trim().equals(credentials);
    }

    /** The message of the APIs' 404 for a path they do not serve. */
    static String noRoute(String method, List<String> path) {
        return "No route for " + method + " /" + String.join("/", path);
    }

    /** The URL without its query. */
    static String path(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The decoded, non-empty segments of a path; a {@code +} stays a plus, as in a path it is no space. */
    static List<String> segments(String path) {
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
