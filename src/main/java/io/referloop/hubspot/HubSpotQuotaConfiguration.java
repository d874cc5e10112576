package io.referloop.hubspot;

import io.referloop.ingest.SharedQuota;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * HubSpot's request quota is per portal, not per instance: every HubSpot call of every instance (inbox reads,
 * polling searches, property provisioning, write-back, user lookups) takes its permit from one quota kept in the
 * shared database, {@code referloop.hubspot.rate-limit-per-10s} calls in any rolling 10 s. Chosen over routing every
 * call through the one instance that holds a lease because the calls start on every instance (an inbox batch is
 * read by whichever instance claimed it) and forwarding them would add a hop and a second failure mode, while a
 * row lock per few calls costs about a millisecond against the 53 ms between two calls at 190 per 10 s.
 */
@Configuration(proxyBeanMethods = false)
class HubSpotQuotaConfiguration {

    static final String QUOTA = "hubspot";

    @Bean
    SharedQuota hubSpotQuota(HubSpotProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions,
                             @Value("${referloop.hubspot.quota-slots-per-claim:4}") int slotsPerClaim) {
        // the system clock, not the application's Clock bean: the quota is about real time, which a fixed clock
        // (tests) would stop, so a permit ahead of it would never come
        return new SharedQuota(QUOTA, Math.max(2, properties.rateLimitPer10s()), Duration.ofSeconds(10), slotsPerClaim,
                jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
    }
}
