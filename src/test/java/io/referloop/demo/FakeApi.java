package io.referloop.demo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake API on a WireMock server: every request goes to the fake's router (a global transformer over one
 * catch-all stub), no request journal (a long load run would keep every request), start and stop idempotent.
 * One lock guards all of the fake's state; its router answers under it.
 *
 * @param <F> the fake itself, which {@link #start()} returns
 */
abstract class FakeApi<F extends FakeApi<F>> implements AutoCloseable {

    final Object lock = new Object();
    private final String name;
    private final String basePath;
    private final int port;
    /** Built at the first start; volatile, as {@link #baseUrl()} reads it without the lock. */
    private volatile WireMockServer server;

    /**
     * {@code name} is what errors call the fake ("the fake HubSpot"), {@code basePath} where its API begins
     * ("" for the root); port 0 picks a free one.
     */
    FakeApi(String name, String basePath, int port) {
        if (port < 0) {
            throw new IllegalArgumentException("port must be 0 (dynamic) or positive, was " + port);
        }
        this.name = name;
        this.basePath = basePath;
        this.port = port;
    }

    /** The extension that answers every request; asked for at the first start, once the fake is built. */
    abstract FakeRouter router();

    @SuppressWarnings("unchecked")
    public F start() {
        synchronized (lock) {
            if (server == null) {
                server = new WireMockServer(options().port(port).extensions(router()).disableRequestJournal());
            }
            if (!server.isRunning()) {
                server.start();
                server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
            }
        }
        return (F) this;
    }

    /** Stops the server; the state stays readable. */
    @Override
    public void close() {
        synchronized (lock) {
            if (server != null && server.isRunning()) {
                server.stop();
            }
        }
    }

    /** {@code http://localhost:<port>} followed by the API's base path; the fake must be started. */
    public String baseUrl() {
        WireMockServer running = server;
        if (running == null || !running.isRunning()) {
            throw new IllegalStateException(name + " is not started");
        }
        return "http://localhost:" + running.port() + basePath;
    }
}
