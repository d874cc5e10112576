package io.referloop.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * A {@link SharedContext} test class that counts across the whole programme (metrics, a monthly budget) starts from
 * an empty database, as if the connector were new: every table is emptied before its first test, but Flyway's
 * history and the rows the migrations put there themselves (the guardrails' lock row). The shared context is H2,
 * whose referential integrity can be switched off for the emptying.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EmptyDatabase.Empty.class)
public @interface EmptyDatabase {

    final class Empty implements BeforeAllCallback {

        private static final List<String> KEPT = List.of("flyway_schema_history", "GUARDRAIL_LOCK");

        @Override
        public void beforeAll(ExtensionContext context) {
            JdbcClient jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
            List<String> tables = jdbc.sql("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'""")
                    .query(String.class).list().stream().filter(t -> !KEPT.contains(t)).toList();
            jdbc.sql("SET REFERENTIAL_INTEGRITY FALSE").update();
            try {
                tables.forEach(t -> jdbc.sql("TRUNCATE TABLE \"" + t + "\"").update());
            } finally {
                jdbc.sql("SET REFERENTIAL_INTEGRITY TRUE").update();
            }
        }
    }
}
