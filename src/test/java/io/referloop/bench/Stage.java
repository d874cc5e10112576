package io.referloop.bench;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.support.ConnectorProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What one benchmark phase runs against: its deployment folder and database, and fresh WireMock fakes of HubSpot
 * (enforcing a Professional/Enterprise private app's quota) and Tremendous, stopped when the phase ends.
 */
final class Stage implements AutoCloseable {

    final Path dir;
    final BenchDatabase db;
    final FakeHubSpot hubspot;
    final FakeTremendous tremendous;
    private final ConnectorLauncher launcher;

    Stage(ConnectorLauncher launcher, Path dir, BenchDatabase db) {
        this.launcher = launcher;
        this.dir = dir;
        this.db = db;
        this.hubspot = new FakeHubSpot(LoadBenchmark.TOKEN).start();
        try {
            this.tremendous = new FakeTremendous(LoadBenchmark.TREMENDOUS_KEY).start();
        } catch (RuntimeException e) {
            hubspot.close();
            throw e;
        }
        hubspot.setRateLimitPer10s(LoadBenchmark.RATE_LIMIT_PER_10S);
    }

    /** Customers in the fake whose NPS (7, read by the enrolment rule) does not make them promoters; their ids. */
    List<String> customers(int count, String firstname, IntFunction<String> email) {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contacts.add(hubspot.createContact(Map.of("email", email.apply(i), "firstname", firstname, "nps_score", "7")));
        }
        return contacts;
    }

    /** The contacts of advocates P0, P1, … (promoters already carrying their code), by code. */
    Map<String, String> promoters(int count) {
        Map<String, String> contacts = new LinkedHashMap<>();
        for (String code : BenchDatabase.codes(count)) {
            contacts.put(code, hubspot.createContact(Map.of("email", "promoter-" + code + "@promoters.example",
                    "firstname", "Promoter", "nps_score", "10", "referral_code", code)));
        }
        return contacts;
    }

    /** A connector on this stage's deployment folder and database. */
    ConnectorProcess start() throws Exception {
        return start(dir);
    }

    /** A connector on another deployment folder and this stage's database (one of several instances). */
    ConnectorProcess start(Path deployment) throws Exception {
        return launcher.start(deployment, db, hubspot, tremendous);
    }

    @Override
    public void close() {
        tremendous.close();
        hubspot.close();
    }
}
