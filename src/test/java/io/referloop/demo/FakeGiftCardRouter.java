package io.referloop.demo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The router of a gift-card API: under its base path, authentication (and any rate limit), injected failures, the
 * orders API, then the injected reset or delay of a POST's answer. A reset or a late answer comes after the order
 * is recorded, so a retry sees it.
 */
abstract class FakeGiftCardRouter extends FakeRouter {

    final GiftCardFake.Orders orders;
    final FakeInjections injections = new FakeInjections();
    private final List<String> base;
    private final IntFunction<FakeApiError> injected;
    private final Function<String, FakeApiError> notFound;

    /**
     * {@code injected} makes the API's error for an injected failure with that status, {@code notFound} its 404
     * with that message.
     */
    FakeGiftCardRouter(Object lock, String contentType, String basePath, GiftCardFake.Orders orders,
                       IntFunction<FakeApiError> injected, Function<String, FakeApiError> notFound) {
        super(lock, contentType);
        this.base = segments(basePath);
        this.orders = orders;
        this.injected = injected;
        this.notFound = notFound;
    }

    /** The API's refusal of a request it does not serve (wrong credentials, over its rate limit), or null. */
    abstract ResponseDefinitionBuilder refusal(String authorization, String path);

    @Override
    final ResponseDefinition answer(Request request) {
        String method = request.getMethod().getName();
        String rawPath = path(request.getUrl());
        List<String> path = segments(rawPath);
        if (path.size() < base.size() || !path.subList(0, base.size()).equals(base)) {
            return render(notFound.apply(noRoute(method, path)).reply(rawPath)).build();
        }
        injections.requestCount++;
        ResponseDefinitionBuilder refusal = refusal(request.getHeader("Authorization"), rawPath);
        if (refusal != null) {
            return refusal.build();
        }
        int failure = injections.takeFailure();
        if (failure != 0) {
            return render(injected.apply(failure).reply(rawPath)).build();
        }
        List<String> rest = path.subList(base.size(), path.size());
        FakeReply reply = handled(rawPath, () -> route(method, rest, request.getBodyAsString()));
        boolean post = method.equals("POST");
        if (post && injections.takeReset()) {
            return connectionReset();
        }
        ResponseDefinitionBuilder response = render(reply);
        return (post ? injections.delayIfDue(response) : response).build();
    }

    private FakeReply route(String method, List<String> rest, String body) {
        if (!rest.isEmpty() && rest.get(0).equals("orders")) {
            if (method.equals("POST") && rest.size() == 1) {
                return orders.create(body);
            }
            if (method.equals("GET") && rest.size() == 2) {
                return orders.get(rest.get(1));
            }
        }
        throw notFound.apply(noRoute(method, rest));
    }
}
