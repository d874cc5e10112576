package io.referloop.billing;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One instance's connections, on which another instance gets in first: just before this instance's first statement
 * that writes the given table runs, the other instance's write happens and commits. That is the moment two instances
 * race for: after any check this one made, before its own write.
 */
final class OtherInstanceFirst extends DelegatingDataSource {

    private final String statementText;
    private final Runnable otherInstanceWrites;
    private final AtomicBoolean done = new AtomicBoolean();

    OtherInstanceFirst(DataSource ours, String table, Runnable otherInstanceWrites) {
        this(ours, otherInstanceWrites, "INTO " + table);
    }

    private OtherInstanceFirst(DataSource ours, Runnable otherInstanceWrites, String statementText) {
        super(ours);
        this.statementText = statementText.toUpperCase();
        this.otherInstanceWrites = otherInstanceWrites;
    }

    /** The other instance writes just before this one's first statement that holds the given text (e.g. "UPDATE t"). */
    static OtherInstanceFirst beforeStatement(DataSource ours, String statementText, Runnable otherInstanceWrites) {
        return new OtherInstanceFirst(ours, otherInstanceWrites, statementText);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = obtainTargetDataSource().getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).toUpperCase().contains(statementText)
                            && done.compareAndSet(false, true)) {
                        otherInstanceWrites.run();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
