package io.referloop.mapping;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rules bound from a mapping file as they stand now: a valid change of the file replaces them while the
 * connector runs (see {@link MappingsReload}). Read {@link #current()} where the rules are used, not once in a
 * constructor, or a change will not reach that use.
 */
public final class LiveMapping<T> implements Supplier<T> {

    private final AtomicReference<T> value;
    /** The rules a batch running on this thread started with (see {@link #forBatch}). */
    private final ThreadLocal<T> batch = new ThreadLocal<>();

    LiveMapping(T initial) {
        this.value = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /** Rules that never change: for tests and for callers that build them in code. */
    public static <T> LiveMapping<T> of(T fixed) {
        return new LiveMapping<>(fixed);
    }

    /** The rules now, or, inside {@link #forBatch}, the rules the batch started with. */
    public T current() {
        T pinned = batch.get();
        return pinned != null ? pinned : value.get();
    }

    /**
     * Runs {@code work} with the rules as they are when it starts: every {@link #current()} on this thread until it
     * returns gives those rules, so a change that lands meanwhile reaches the next batch and never half of this one
     * (a CRM batch reads its fields and maps what it read with one version of the mapping). Nested calls keep the
     * rules of the outermost.
     */
    public void forBatch(Runnable work) {
        if (batch.get() != null) {
            work.run();
            return;
        }
        batch.set(value.get());
        try {
            work.run();
        } finally {
            batch.remove();
        }
    }

    @Override
    public T get() {
        return current();
    }

    void replace(T next) {
        value.set(Objects.requireNonNull(next));
    }

    /**
     * Something built from the rules (a domain list, say), built again the first time it is asked for after a change,
     * so that the cost is paid once per change rather than once per use.
     */
    public <R> Supplier<R> derive(Function<T, R> build) {
        record Built<S, R>(S from, R value) {
        }
        AtomicReference<Built<T, R>> built = new AtomicReference<>();
        return () -> {
            T now = current();
            Built<T, R> last = built.get();
            if (last == null || last.from() != now) {
                last = new Built<>(now, build.apply(now));
                built.set(last);
            }
            return last.value();
        };
    }
}
