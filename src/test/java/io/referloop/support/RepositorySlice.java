package io.referloop.support;

import io.referloop.notify.MailPreferences;
import io.referloop.referral.Advocates;
import io.referloop.referral.Clicks;
import io.referloop.referral.DecisionLog;
import io.referloop.referral.ReferralCodes;
import io.referloop.referral.Referrals;
import io.referloop.reward.Approvals;
import io.referloop.reward.Conversions;
import io.referloop.reward.Rewards;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JDBC slice every repository test runs on: every repository they test, the fixed clock and {@link ReferralRows}
 * on the migrated in-memory database. One configuration for all, so Spring's test context cache starts the slice once
 * per test JVM; each test still rolls back what it wrote (as {@link JdbcTest} does), so no class sees another's rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JdbcTest
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({Advocates.class, ReferralCodes.class, Referrals.class, Clicks.class, DecisionLog.class, Rewards.class,
        Conversions.class, Approvals.class, MailPreferences.class, RepositorySlice.ModuleInternal.class,
        FixedClock.class, ReferralRows.class})
public @interface RepositorySlice {

    /** Repositories their module keeps to itself, which no class literal outside it can name. */
    final class ModuleInternal implements ImportSelector {

        @Override
        public String[] selectImports(AnnotationMetadata metadata) {
            return new String[] {"io.referloop.notify.NotificationLog"};
        }
    }
}
