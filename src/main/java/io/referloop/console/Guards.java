package io.referloop.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The circuit breakers and rate limiters around the outbound APIs, as their Resilience4j meters show them
 * ({@code resilience4j.circuitbreaker.state}, {@code resilience4j.ratelimiter.available.permissions}): read from the
 * meter registry, so the console needs nothing from the CRM packages.
 */
@Component
class Guards {

    record Guard(String name, String circuit, Double availablePermits, Double waitingCalls) {
    }

    private final MeterRegistry meters;

    Guards(MeterRegistry meters) {
        this.meters = meters;
    }

    List<Guard> all() {
        Map<String, String> circuits = new TreeMap<>();
        for (Gauge g : meters.find("resilience4j.circuitbreaker.state").gauges()) {
            if (g.value() >= 1) {
                circuits.put(g.getId().getTag("name"), g.getId().getTag("state"));
            }
        }
        Map<String, Double> permits = new TreeMap<>();
        for (Gauge g : meters.find("resilience4j.ratelimiter.available.permissions").gauges()) {
            permits.put(g.getId().getTag("name"), g.value());
        }
        Map<String, Double> waiting = new TreeMap<>();
        for (Gauge g : meters.find("resilience4j.ratelimiter.waiting_threads").gauges()) {
            waiting.put(g.getId().getTag("name"), g.value());
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        circuits.keySet().forEach(n -> names.put(n, true));
        permits.keySet().forEach(n -> names.put(n, true));
        List<Guard> guards = new ArrayList<>();
        for (String name : names.keySet()) {
            guards.add(new Guard(name, circuits.getOrDefault(name, "–"), permits.get(name), waiting.get(name)));
        }
        return guards;
    }
}
