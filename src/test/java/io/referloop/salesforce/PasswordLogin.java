package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake Salesforce org with one integration user, and the connector's username-password login to it: what most
 * Salesforce tests need before the behaviour they check.
 */
final class PasswordLogin {

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String USERNAME = "int@acme.io";
    static final String PASSWORD = "pw+token";

    private PasswordLogin() {
    }

    /** A started fake org ({@code organizationId}) that lets the integration user in. */
    static FakeSalesforce org(String organizationId) {
        return new FakeSalesforce(organizationId, CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD).start();
    }

    /** The connector's properties for logging in to {@code org} as the integration user. */
    static void register(DynamicPropertyRegistry registry, FakeSalesforce org) {
        registry.add("referloop.salesforce.authentication-type", () -> "USERNAME_PASSWORD");
        registry.add("referloop.salesforce.login-url", org::baseUrl);
        registry.add("referloop.salesforce.client-id", () -> CLIENT_ID);
        registry.add("referloop.salesforce.client-secret", () -> CLIENT_SECRET);
        registry.add("referloop.salesforce.username", () -> USERNAME);
        registry.add("referloop.salesforce.password", () -> PASSWORD);
    }
}
