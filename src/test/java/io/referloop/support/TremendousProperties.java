package io.referloop.support;

import io.referloop.demo.FakeTremendous;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The connector's properties for ordering the programme's gift card from a fake Tremendous. */
public final class TremendousProperties {

    /** The gift card the fake sells. */
    public static final String PRODUCT = "OKMHM2X2OHYV";

    private TremendousProperties() {
    }

    /** @param apiKey the key {@code tremendous} was made with */
    public static void register(DynamicPropertyRegistry registry, FakeTremendous tremendous, String apiKey) {
        registry.add("referloop.tremendous.base-url", tremendous::baseUrl);
        registry.add("referloop.tremendous.api-key", () -> apiKey);
        registry.add("referloop.tremendous.product-ids", () -> PRODUCT);
    }
}
