package io.referloop.support;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data source that writes down each statement the database is asked to run, for tests that guard how many round
 * trips a piece of work costs. A row added to a JDBC batch counts as a statement of its own: the database runs it
 * as one, however few trips the driver makes.
 */
public final class RecordedStatements extends DelegatingDataSource {

    private static final Set<String> RUNS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "addBatch");

    private final List<String> statements = new CopyOnWriteArrayList<>();

    public RecordedStatements(DataSource target) {
        super(target);
    }

    /** The statements run while {@code work} ran, in order. */
    public List<String> runBy(Runnable work) {
        statements.clear();
        work.run();
        return List.copyOf(statements);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recording(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return recording(obtainTargetDataSource().getConnection(username, password));
    }

    private Connection recording(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (result instanceof PreparedStatement prepared && method.getName().startsWith("prepare")) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, prepared, (run, runArgs, ignored) -> {
                    if (RUNS.contains(run.getName())) {
                        record(runArgs == null || runArgs.length == 0 ? sql : (String) runArgs[0]);
                    }
                    return ignored;
                });
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return proxy(Statement.class, statement, (run, runArgs, ignored) -> {
                    if (RUNS.contains(run.getName())) {
                        record((String) runArgs[0]);
                    }
                    return ignored;
                });
            }
            return result;
        });
    }

    private void record(String sql) {
        statements.add(sql);
    }

    /** What a proxy does with the target's answer to a call: passes it on, or wraps it. */
    private interface After {
        Object apply(Method method, Object[] args, Object result) throws SQLException;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(RecordedStatements.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(method, args, result);
                }));
    }
}
