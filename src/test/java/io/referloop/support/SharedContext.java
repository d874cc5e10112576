package io.referloop.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring context most flow and API tests share: a whole connector on an in-memory H2, on a random port,
 * with the settings of {@link SharedContextProperties}. Spring's test context cache starts it once per test JVM,
 * so a test class costs its tests, not a start. Tests isolate by data (a unique mailbox and company domain each);
 * a class that needs other rules of the programme says so with {@link Programme}, one that counts across the whole
 * programme starts from {@link EmptyDatabase}. A test class that adds a property of its own gets a context of its
 * own, so such a class says why it cannot share this one. {@link PaidReferrals} converts referrals for those that
 * need a reward.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedContextProperties.class)
@Import(PaidReferrals.class)
public @interface SharedContext {
}
