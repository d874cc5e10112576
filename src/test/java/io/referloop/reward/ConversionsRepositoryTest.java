package io.referloop.reward;

import io.referloop.referral.Referral;
import io.referloop.reward.Conversion.Kind;
import io.referloop.support.FixedClock;
import io.referloop.support.ReferralRows;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RepositorySlice
class ConversionsRepositoryTest {

    @Autowired
    Conversions conversions;
    @Autowired
    ReferralRows rows;

    private long referral(String email) {
        return rows.referral(email, Referral.Status.attributed);
    }

    /** A referral of this email that converted by its first payment, this invoice and charge. */
    private long paid(String email, String invoice, String charge) {
        long referral = referral(email);
        conversions.record(referral, payment(invoice, charge));
        return referral;
    }

    private long won(String email, String crm, String dealId) {
        long referral = referral(email);
        conversions.record(referral, dealWon(crm, dealId));
        return referral;
    }

    private static Conversion payment(String invoice, String charge) {
        return new Conversion(Kind.FIRST_PAYMENT, "stripe", invoice, charge, "grace@acme.com", "Grace", null,
                new BigDecimal("99.00"), "USD", FixedClock.NOW, null, null);
    }

    private static Conversion dealWon(String crm, String dealId) {
        return new Conversion(Kind.DEAL_WON, crm, dealId, null, "grace@acme.com", "Grace", null,
                new BigDecimal("1200.00"), "USD", FixedClock.NOW, crm, dealId);
    }

    @Test
    void aSecondConversionOfTheSameKindIsRefused() {
        long grace = referral("grace@acme.com");
        conversions.record(grace, payment("in_1", "ch_1"));

        assertThatThrownBy(() -> conversions.record(grace, payment("in_2", "ch_2")))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aReferralConvertsOnceByPaymentAndOnceByAWonDeal() {
        long grace = referral("grace@acme.com");

        conversions.record(grace, payment("in_1", "ch_1"));
        assertThat(conversions.exists(grace, Kind.FIRST_PAYMENT)).isTrue();
        assertThat(conversions.exists(grace, Kind.DEAL_WON)).isFalse();

        conversions.record(grace, dealWon("hubspot", "D1"));
        assertThat(conversions.exists(grace, Kind.DEAL_WON)).isTrue();
    }

    @Test
    void referralsArePaidByThePaymentOrTheInvoiceARefundNames() {
        long byCharge = paid("grace@acme.com", "in_1", "ch_1");
        long byInvoice = paid("alan@acme.com", "in_2", "ch_2");
        paid("kay@acme.com", "in_3", "ch_3");

        assertThat(conversions.referralsPaidBy(List.of("ch_1", "in_2")))
                .containsExactlyInAnyOrder(byCharge, byInvoice);
    }

    @Test
    void aReferralPaidByANamedPaymentIsListedOnce() {
        long grace = paid("grace@acme.com", "in_1", "ch_1");

        assertThat(conversions.referralsPaidBy(List.of("ch_1", "in_1"))).containsExactly(grace);
    }

    @Test
    void noPaymentsNamedPayNoReferral() {
        paid("grace@acme.com", "in_1", "ch_1");

        assertThat(conversions.referralsPaidBy(List.of())).isEmpty();
    }

    @Test
    void theDealOfAReferralIsTheOneWonInThatCrm() {
        long grace = won("grace@acme.com", "hubspot", "D1");

        assertThat(conversions.dealOf(grace, "hubspot")).contains("D1");
        assertThat(conversions.dealOf(grace, "salesforce")).isEmpty();
    }

    @Test
    void aPaymentIsNotADeal() {
        long grace = paid("grace@acme.com", "in_1", "ch_1");

        assertThat(conversions.dealOf(grace, "stripe")).isEmpty();
    }

    @Test
    void theReferralsAWonDealConvertedAreListedInTheOrderTheyConverted() {
        long alan = referral("alan@acme.com");
        long grace = referral("grace@acme.com");
        long kay = referral("kay@acme.com");
        conversions.record(grace, dealWon("hubspot", "D1"));
        conversions.record(alan, dealWon("hubspot", "D1"));
        conversions.record(kay, dealWon("salesforce", "D1"));

        assertThat(conversions.referralsOfDeal("hubspot", "D1")).containsExactly(grace, alan);
    }
}
