package io.referloop.referral;

import io.referloop.support.FixedClock;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RepositorySlice
class AdvocatesRepositoryTest {

    @Autowired
    Advocates advocates;

    @Test
    void anEnrolledAdvocateIsActiveWithAFreshCodeAndTheEnrolmentTime() {
        Advocate ada = advocates.enrol("ada@example.com", "Ada Lovelace", null, null, "admin");

        assertThat(ada.status()).isEqualTo(Advocate.ACTIVE);
        assertThat(ada.code()).hasSize(ReferralCodes.LENGTH).matches("[" + ReferralCodes.ALPHABET + "]+");
        assertThat(ada.enrolledBy()).isEqualTo("admin");
        assertThat(ada.createdAt()).isEqualTo(FixedClock.NOW);
    }

    @Test
    void twoAdvocatesGetDifferentCodes() {
        Advocate ada = advocates.enrol("ada@example.com", "Ada", null, null, "admin");
        Advocate grace = advocates.enrol("grace@example.com", "Grace", null, null, "admin");

        assertThat(ada.code()).isNotEqualTo(grace.code());
    }

    @Test
    void aSecondAdvocateWithTheSameEmailIsRefused() {
        advocates.enrol("ada@example.com", "Ada", null, null, "admin");

        assertThatThrownBy(() -> advocates.enrol("ada@example.com", "Another Ada", "hubspot", "42", "hubspot"))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anAdvocateIsFoundByIdCodeEmailAndCrmContact() {
        Advocate ada = advocates.enrol("ada@example.com", "Ada", "hubspot", "501", "hubspot");

        assertThat(advocates.byId(ada.id())).contains(ada);
        assertThat(advocates.byCode(ada.code())).contains(ada);
        assertThat(advocates.byEmail("ada@example.com")).contains(ada);
        assertThat(advocates.byContact("hubspot", "501")).contains(ada);
    }

    @Test
    void aContactOfAnotherCrmWithTheSameIdIsNotTheAdvocate() {
        advocates.enrol("ada@example.com", "Ada", "hubspot", "501", "hubspot");

        assertThat(advocates.byContact("salesforce", "501")).isEmpty();
    }

    @Test
    void unknownCodesAndEmailsFindNobody() {
        advocates.enrol("ada@example.com", "Ada", null, null, "admin");

        assertThat(advocates.byCode("NOSUCH22")).isEmpty();
        assertThat(advocates.byEmail("grace@example.com")).isEmpty();
    }

    @Test
    void linkingAContactKeepsANameAlreadyKnown() {
        Advocate ada = advocates.enrol("ada@example.com", "Ada Lovelace", null, null, "admin");

        Advocate linked = advocates.linkContact(ada, "salesforce", "003XYZ", "A. Lovelace");

        assertThat(linked.crm()).isEqualTo("salesforce");
        assertThat(linked.crmContactId()).isEqualTo("003XYZ");
        assertThat(linked.name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void linkingAContactGivesANamelessAdvocateTheContactsName() {
        Advocate ada = advocates.enrol("ada@example.com", null, null, null, "admin");

        assertThat(advocates.linkContact(ada, "hubspot", "77", "Ada Lovelace").name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void aStatusChangeFromTheStatusTheCallerReadIsApplied() {
        Advocate ada = advocates.enrol("ada@example.com", "Ada", null, null, "admin");

        boolean changed = advocates.changeStatus(ada, Advocate.DISABLED, "admin", "fraud", Instant.parse("2026-03-03T00:00:00Z"));

        assertThat(changed).isTrue();
        assertThat(advocates.byId(ada.id()).orElseThrow().status()).isEqualTo(Advocate.DISABLED);
    }

    @Test
    void aStatusChangeFromAStatusNoLongerCurrentIsRefused() {
        Advocate read = advocates.enrol("ada@example.com", "Ada", null, null, "admin");
        advocates.changeStatus(read, Advocate.DISABLED, "first admin", "fraud", FixedClock.NOW);

        boolean changed = advocates.changeStatus(read, Advocate.DISABLED, "second admin", "spam", FixedClock.NOW);

        assertThat(changed).isFalse();
    }
}
