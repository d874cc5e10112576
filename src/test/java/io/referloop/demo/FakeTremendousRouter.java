package io.referloop.demo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Tremendous's router: bearer authentication, no rate limit. */
final class FakeTremendousRouter extends FakeGiftCardRouter {

    private final String apiKey;

    FakeTremendousRouter(Object lock, String basePath, String apiKey) {
        super(lock, "application/json; charset=utf-8", basePath, new FakeTremendousOrders(),
                FakeTremendousError::injected, FakeTremendousError::notFound);
        this.apiKey = apiKey;
    }

    @Override
    ResponseDefinitionBuilder refusal(String authorization, String path) {
        return presents(authorization, "Bearer ", apiKey) ? null : render(FakeTremendousError.unauthorized().reply(path));
    }
}
