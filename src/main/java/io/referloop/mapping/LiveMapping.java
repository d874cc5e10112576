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

    LiveMapping(T initial) {
        this.value = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /** Rules that never change: for tests and for callers that build them in code. */
    public static <T> LiveMapping<T> of(T fixed) {
        return new LiveMapping<>(fixed);
    }

    public T current() {
        return value.get();
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
