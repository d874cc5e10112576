package io.referloop.support;

/**
 * The size of a harness run. Crash, redelivery, fault-injection and fuzzing tests (tag {@code harness})
 * run short inside {@code ./mvnw verify}, so they cannot rot, and long from {@code ./mvnw -Pbench verify}.
 */
public final class Harness {

    public static final String TAG = "harness";
    public static final String BENCH_TAG = "bench";

    private Harness() {
    }

    public static boolean isLong() {
        return "long".equals(System.getProperty("referloop.harness"));
    }

    /** {@code shortRun} inside verify, {@code longRun} in the bench profile. */
    public static int size(int shortRun, int longRun) {
        return isLong() ? longRun : shortRun;
    }
}
