package io.referloop.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Runs PostgreSQL tests when PostgreSQL answers on 127.0.0.1:5432, and always when CI=true (where an
 * unreachable server must fail the build, not skip it). Elsewhere they are skipped with a visible reason.
 */
public class PostgresAvailable implements ExecutionCondition {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests are required");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 500);
            return ConditionEvaluationResult.enabled("PostgreSQL answers on " + HOST + ":" + PORT);
        } catch (IOException e) {
            String reason = "SKIPPED: PostgreSQL not reachable on " + HOST + ":" + PORT + " (set CI=true to require it)";
            System.out.println(reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
