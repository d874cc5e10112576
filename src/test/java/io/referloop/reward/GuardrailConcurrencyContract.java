package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.ReferralService;
import io.referloop.support.TestMappings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversions arriving at the same moment from Stripe, Chargebee, HubSpot deals and Salesforce
 * opportunities, each in its own transaction and connection as several instances would send them:
 * the monthly cap (3), the monthly budget (500, a 50 + 20 friend reward each) and one reward per
 * company hold. Run on H2 and on PostgreSQL by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class GuardrailConcurrencyContract {

    private static final String[] SOURCES = {"stripe", "chargebee", "hubspot", "salesforce"};

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("referloop.mappings.dir", () -> TestMappings.withProgram(
                "monthly-cap-per-advocate: 10", "monthly-cap-per-advocate: 3",
                "# monthly-budget: 5000", "monthly-budget: 500",
                "# friend:\n  #   amount: 20\n  #   currency: USD", "friend:\n    amount: 20\n    currency: USD").toString());
        registry.add("referloop.rewards.issue-interval-ms", () -> "3600000");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "24");
    }

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;

    @Test
    void capAndBudgetHoldWhenEveryConversionOfTheMonthArrivesAtOnce() {
        Advocate busy = advocate();
        List<Conversion> conversions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            conversions.add(conversion(i, referredCustomer(busy)));
        }
        for (int a = 0; a < 5; a++) {
            Advocate other = advocate();
            for (int i = 0; i < 2; i++) {
                conversions.add(conversion(a + i, referredCustomer(other)));
            }
        }

        runAtOnce(conversions);

        List<Reward> all = rewardRows.all();
        assertThat(all.stream().filter(r -> r.advocateId() == busy.id() && r.beneficiary() == Reward.Beneficiary.advocate)
                .filter(r -> r.status() != Reward.Status.REJECTED)).hasSize(3);
        BigDecimal committed = all.stream().filter(r -> r.status() == Reward.Status.ISSUING)
                .map(Reward::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(committed).isLessThanOrEqualTo(new BigDecimal("500"));
        assertThat(all.stream().filter(r -> r.status() == Reward.Status.ISSUING
                && r.beneficiary() == Reward.Beneficiary.advocate)).hasSize(7);
    }

    @Test
    void aCompanyPayingThroughEverySourceAtOnceEarnsOneReward() {
        Advocate advocate = advocate();
        String domain = "company-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        contact("alice@" + domain, advocate.code());
        contact("bob@" + domain, null);
        contact("carol@" + domain, null);
        List<Conversion> conversions = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            conversions.add(conversion(0, "alice@" + domain));
            conversions.add(conversion(1, "bob@" + domain));
            conversions.add(companyConversion(2, domain));
            conversions.add(companyConversion(3, domain));
        }

        runAtOnce(conversions);

        assertThat(rewardRows.all().stream().filter(r -> r.advocateId() == advocate.id()
                && r.beneficiary() == Reward.Beneficiary.advocate)).hasSize(1);
    }

    /** Every conversion in its own thread, released together; each must complete without an error. */
    private void runAtOnce(List<Conversion> conversions) {
        ExecutorService pool = Executors.newFixedThreadPool(conversions.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> done = conversions.stream().map(c -> CompletableFuture.runAsync(() -> {
                await(start);
                rewards.onConversion(c);
            }, pool)).toList();
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        } finally {
            pool.shutdownNow();
        }
    }

    private Advocate advocate() {
        return referrals.enrolByHand("adv-" + UUID.randomUUID().toString().substring(0, 8) + "@advocates.io", "Cap");
    }

    private String referredCustomer(Advocate advocate) {
        String email = "buyer@customer-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        contact(email, advocate.code());
        return email;
    }

    private void contact(String email, String code) {
        Map<String, String> fields = code == null ? Map.of(ContactSnapshot.EMAIL, email)
                : Map.of(ContactSnapshot.EMAIL, email, ContactSnapshot.REFERRAL_CODE, code);
        referrals.onContact(new ContactSnapshot("hubspot", UUID.randomUUID().toString(), fields, Instant.now()));
    }

    private static Conversion conversion(int i, String email) {
        String source = SOURCES[i % SOURCES.length];
        boolean deal = source.equals("hubspot") || source.equals("salesforce");
        return new Conversion(deal ? Conversion.Kind.DEAL_WON : Conversion.Kind.FIRST_PAYMENT, source,
                source + "-" + UUID.randomUUID(), null, email, null, null, new BigDecimal("99"), "USD", Instant.now(),
                deal ? source : null, deal ? "deal-" + UUID.randomUUID() : null, null, null);
    }

    private static Conversion companyConversion(int i, String domain) {
        String source = SOURCES[i % SOURCES.length];
        return new Conversion(Conversion.Kind.DEAL_WON, source, source + "-" + UUID.randomUUID(), null, null, null, null,
                new BigDecimal("5000"), "USD", Instant.now(), source, "deal-" + UUID.randomUUID(), null, domain);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
