package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake Salesforce org with one integration user, and the connector's username-password login to it: what most
 * Salesforce tests need before the behaviour they check.
 */
public final class PasswordLogin {

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String USERNAME = "int@acme.io";
    static final String PASSWORD = "pw+token";

    private PasswordLogin() {
    }

    /** A started fake org ({@code organizationId}) that lets the integration user in. */
    public static FakeSalesforce org(String organizationId) {
        return new FakeSalesforce(organizationId, CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD).start();
    }

    /** The connector's properties for logging in to {@code org} as the integration user. */
    public static Map<String, String> properties(FakeSalesforce org) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("referloop.salesforce.authentication-type", "USERNAME_PASSWORD");
        properties.put("referloop.salesforce.login-url", org.baseUrl());
        properties.put("referloop.salesforce.client-id", CLIENT_ID);
        properties.put("referloop.salesforce.client-secret", CLIENT_SECRET);
        properties.put("referloop.salesforce.username", USERNAME);
        properties.put("referloop.salesforce.password", PASSWORD);
        return properties;
    }

    /** The same, for a connector in the test's JVM. */
    static void register(DynamicPropertyRegistry registry, FakeSalesforce org) {
        properties(org).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The same, as the arguments of a connector started as a process. */
    static List<String> arguments(FakeSalesforce org) {
        return properties(org).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
