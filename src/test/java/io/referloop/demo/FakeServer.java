package io.referloop.demo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The WireMock server under each fake: every request goes to the fake's router (a global transformer over
 * one catch-all stub), no request journal (a long load run would keep every request), start and stop
 * idempotent under the fake's lock.
 */
final class FakeServer {

    private final String name;
    private final Object lock;
    private final WireMockServer server;

    /** {@code name} is what errors call the fake ("the fake HubSpot"); port 0 picks a free one. */
    FakeServer(String name, Object lock, int port, Extension router) {
        if (port < 0) {
            throw new IllegalArgumentException("port must be 0 (dynamic) or positive, was " + port);
        }
        this.name = name;
        this.lock = lock;
        this.server = new WireMockServer(options().port(port).extensions(router).disableRequestJournal());
    }

    void start() {
        synchronized (lock) {
            if (!server.isRunning()) {
                server.start();
                server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
            }
        }
    }

    /** Stops the server; the fake's state stays readable. */
    void stop() {
        synchronized (lock) {
            if (server.isRunning()) {
                server.stop();
            }
        }
    }

    /** {@code http://localhost:<port>} followed by {@code path}; the fake must be started. */
    String url(String path) {
        if (!server.isRunning()) {
            throw new IllegalStateException(name + " is not started");
        }
        return "http://localhost:" + server.port() + path;
    }
}
