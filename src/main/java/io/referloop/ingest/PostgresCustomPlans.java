package io.referloop.ingest;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Every PostgreSQL connection of the pool plans each statement for its parameters ({@code plan_cache_mode =
 * force_custom_plan}). The JDBC driver prepares a statement on the server after five runs, and PostgreSQL may then
 * keep one generic plan for the connection's life, chosen while a table was small: in a burst of sign-ups the event
 * outbox's "last event of this subject" lookup kept walking the whole table backwards by id, 4 ms a call and 28 of a
 * burst's 38 s, until statistics caught up. The connector's statements are short indexed lookups, so planning each
 * one costs far less than a plan that no longer fits. An admin's own {@code spring.datasource.hikari.connection-init-sql}
 * is kept as it is (add the setting to it, or to the role: {@code ALTER ROLE … SET plan_cache_mode = force_custom_plan}).
 */
@Component
class PostgresCustomPlans implements BeanPostProcessor {

    static final String INIT_SQL = "SET plan_cache_mode = force_custom_plan";
    private static final Logger log = LoggerFactory.getLogger(PostgresCustomPlans.class);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            if (pool.getConnectionInitSql() == null) {
                pool.setConnectionInitSql(INIT_SQL);
            } else {
                log.info("spring.datasource.hikari.connection-init-sql is set, so PostgreSQL plans as it says; "
                        + "'{}' is recommended (README, PostgreSQL)", INIT_SQL);
            }
        }
        return bean;
    }
}
