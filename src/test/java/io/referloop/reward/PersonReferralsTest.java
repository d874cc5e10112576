package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.ReferralService;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A programme with {@code rewards.per: person} and {@code rewards.min-revenue: 100}. */
@SharedContext
@Programme({"per: company", "per: person", "# min-revenue: 100", "min-revenue: 100"})
class PersonReferralsTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;

    @Test
    void eachColleagueReferredByDomainEarnsTheAdvocateAReward() {
        Advocate advocate = advocate();
        String domain = "company-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        referrals.register(advocate.code(), null, domain);
        contact("alice@" + domain);
        contact("bob@" + domain);

        rewards.onConversion(payment("alice@" + domain, "150"));
        rewards.onConversion(payment("bob@" + domain, "150"));

        assertThat(advocateRewards(advocate)).hasSize(2);
    }

    @Test
    void aPaymentBelowTheMinimumRevenueEarnsNothingAndTheNextOneCan() {
        Advocate advocate = advocate();
        String domain = "company-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        referrals.register(advocate.code(), null, domain);
        contact("alice@" + domain);

        rewards.onConversion(payment("alice@" + domain, "99.99"));
        assertThat(advocateRewards(advocate)).isEmpty();

        rewards.onConversion(payment("alice@" + domain, "100"));
        assertThat(advocateRewards(advocate)).hasSize(1);
    }

    private Advocate advocate() {
        return referrals.enrolByHand("adv-" + UUID.randomUUID().toString().substring(0, 8) + "@advocates.io", "Ida");
    }

    private void contact(String email) {
        referrals.onContact(new ContactSnapshot("hubspot", UUID.randomUUID().toString(),
                Map.of(ContactSnapshot.EMAIL, email), Instant.now()));
    }

    private static Conversion payment(String email, String amount) {
        return new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", "in_" + UUID.randomUUID(), null, email, null,
                null, new BigDecimal(amount), "USD", Instant.now(), null, null, "cus_" + UUID.randomUUID(), null);
    }

    private List<Reward> advocateRewards(Advocate advocate) {
        return rewardRows.all().stream().filter(r -> r.advocateId() == advocate.id()).toList();
    }
}
