package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.harness.ReferralWorkload.Group;
import org.assertj.core.api.SoftAssertions;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What must hold once a {@link ReferralWorkload} has been delivered, however often and in whatever order: each
 * promoter enrolled once with one code, each friend attributed once, converted once and rewarded once, one gift
 * card per reward with its own key, every CRM write landed, and nothing parked as failed.
 */
final class ReferralInvariants {

    private final ReferralWorkload workload;
    private final FakeHubSpot hubspot;
    private final FakeTremendous tremendous;

    ReferralInvariants(ReferralWorkload workload, FakeHubSpot hubspot, FakeTremendous tremendous) {
        this.workload = workload;
        this.hubspot = hubspot;
        this.tremendous = tremendous;
    }

    /** The outside world (CRM and gift-card provider) shows every effect: the run has settled. */
    boolean settled() {
        if (tremendous.orderCount() < workload.friendCount()) {
            return false;
        }
        for (Group g : workload.groups) {
            if (!ReferralWorkload.AMOUNT_TOTAL.equals(hubspot.contact(g.promoterId).get("referral_rewards_total"))) {
                return false;
            }
            for (String friend : g.friendIds) {
                if (friend == null || !"rewarded".equals(hubspot.contact(friend).get("referral_status"))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every effect exactly once, in the database, the CRM and at the gift-card provider. */
    void assertEffectsExactlyOnce(JdbcClient db) {
        SoftAssertions soft = new SoftAssertions();
        Set<String> keys = new HashSet<>();
        for (Group g : workload.groups) {
            List<Map<String, Object>> advocates = db.sql("SELECT id, code FROM advocate WHERE email = ?")
                    .param(g.promoterEmail).query().listOfRows();
            soft.assertThat(advocates).as("advocates enrolled for %s", g.promoterEmail).hasSize(1);
            if (advocates.size() != 1) {
                continue;
            }
            long advocateId = ((Number) advocates.get(0).get("id")).longValue();
            String code = (String) advocates.get(0).get("code");
            Map<String, String> promoter = hubspot.contact(g.promoterId);
            soft.assertThat(promoter).as("promoter %s in the CRM", g.promoterId)
                    .containsEntry("referral_code", code)
                    .containsEntry("referrals_made", Integer.toString(ReferralWorkload.FRIENDS))
                    .containsEntry("referrals_converted", Integer.toString(ReferralWorkload.FRIENDS))
                    .containsEntry("referral_rewards_total", ReferralWorkload.AMOUNT_TOTAL);
            soft.assertThat(hubspot.appliedUpdates("contacts", g.promoterId).stream()
                            .map(u -> u.get("referral_code")).filter(Objects::nonNull).distinct().toList())
                    .as("codes ever written to promoter %s", g.promoterId).containsExactly(code);
            for (int i = 0; i < ReferralWorkload.FRIENDS; i++) {
                String friend = g.friendIds[i];
                List<Long> referrals = db.sql("SELECT id FROM referral WHERE crm_contact_id = ? AND advocate_id = ?")
                        .params(friend, advocateId).query(Long.class).list();
                soft.assertThat(db.sql("SELECT COUNT(*) FROM referral WHERE crm_contact_id = ? OR referred_email = ?")
                        .params(friend, g.friendEmails[i]).query(Long.class).single())
                        .as("referrals of friend %s", friend).isEqualTo(1L);
                soft.assertThat(referrals).as("referral of friend %s by its promoter", friend).hasSize(1);
                if (referrals.size() != 1) {
                    continue;
                }
                long referral = referrals.get(0);
                soft.assertThat(count(db, "SELECT COUNT(*) FROM decision_log WHERE referral_id = ? AND outcome = 'attributed'", referral))
                        .as("attributions of friend %s", friend).isEqualTo(1L);
                soft.assertThat(count(db, "SELECT COUNT(*) FROM conversion WHERE referral_id = ?", referral))
                        .as("conversions of friend %s", friend).isEqualTo(1L);
                List<Map<String, Object>> rewards = db.sql("SELECT status, idempotency_key FROM reward WHERE referral_id = ?")
                        .param(referral).query().listOfRows();
                soft.assertThat(rewards).as("rewards for friend %s", friend).hasSize(1);
                rewards.forEach(r -> {
                    soft.assertThat(r.get("status")).as("reward status for friend %s", friend).isEqualTo("ISSUED");
                    keys.add((String) r.get("idempotency_key"));
                });
                soft.assertThat(hubspot.contact(friend)).as("friend %s in the CRM", friend)
                        .containsEntry("referral_status", "rewarded")
                        .containsEntry("referred_by_email", g.promoterEmail);
            }
        }
        List<String> ordered = tremendous.orderedExternalIds();
        soft.assertThat(ordered).as("Tremendous external_ids").doesNotHaveDuplicates();
        soft.assertThat(ordered).as("Tremendous orders").hasSize(workload.friendCount());
        soft.assertThat(new HashSet<>(ordered)).as("Tremendous orders are the rewards").isEqualTo(keys);
        soft.assertThat(count(db, "SELECT COUNT(*) FROM reward WHERE status = 'FAILED'")).as("FAILED rewards").isZero();
        soft.assertThat(count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'FAILED'")).as("FAILED events").isZero();
        soft.assertThat(count(db, "SELECT COUNT(*) FROM crm_write WHERE status <> 'SENT'")).as("CRM writes not sent").isZero();
        soft.assertAll();
    }

    /**
     * No CRM write applied twice: a record never receives the same update twice in a row (a resent batch after
     * an answer that was lost), and never more updates than the outbox holds rows for it (rows merge, never split).
     */
    void assertNoCrmWriteAppliedTwice(JdbcClient db) {
        SoftAssertions soft = new SoftAssertions();
        for (Group g : workload.groups) {
            List<String> records = new java.util.ArrayList<>(List.of(g.friendIds));
            records.add(g.promoterId);
            for (String id : records) {
                List<Map<String, String>> applied = hubspot.appliedUpdates("contacts", id);
                for (int i = 1; i < applied.size(); i++) {
                    soft.assertThat(applied.get(i)).as("update %d of contact %s repeats the one before", i, id)
                            .isNotEqualTo(applied.get(i - 1));
                }
                soft.assertThat((long) applied.size()).as("updates applied to contact %s", id)
                        .isLessThanOrEqualTo(count(db, "SELECT COUNT(*) FROM crm_write WHERE object_type = 'contacts' AND object_id = ?", id));
            }
        }
        soft.assertAll();
    }

    private static long count(JdbcClient db, String sql, Object... params) {
        return db.sql(sql).params(params).query(Long.class).single();
    }
}
