package io.referloop.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring context of the tests that edit routes/ and mappings/ while the connector runs, and of the CRM pollers'
 * tests: a connector polling a fake HubSpot and a fake Salesforce org, reading a copy of the shipped routes/ and
 * mappings/ of its own, with the settings of {@link LiveFilesProperties}. Spring's test context cache starts it once
 * per test JVM for every class that carries this annotation. Those classes share the copied files and the fakes, so a
 * test leaves a file it edits as it found it (and waits until the connector has taken it back), or edits a file no
 * other test reads, and keeps apart from the others by data (a unique mailbox each).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = LiveFilesProperties.class)
public @interface LiveFilesContext {
}
