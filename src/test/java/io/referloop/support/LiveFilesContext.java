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
 * The one Spring context of the tests that edit routes/ and mappings/ while the connector runs: a connector polling a
 * fake HubSpot and a fake Salesforce org, reading a copy of the shipped routes/ and mappings/ of its own, with the
 * settings of {@link LiveFilesProperties}. Spring's test context cache starts it once per test JVM for every class
 * that carries this annotation. Those classes share the copied files, so each test leaves a shipped file it edits as
 * shipped again (and waits until the connector has taken it), or edits a file no other test reads.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = LiveFilesProperties.class)
public @interface LiveFilesContext {
}
