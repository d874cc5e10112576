package io.referloop.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What was bound from each mapping file at start, so that a changed file is read again the same way (the same
 * schema, the same record). All the rules of one file change together or not at all.
 */
final class MappingBindings {

    /**
     * One use of a file: {@code prepare} readies what the new rules need outside the connector (in a CRM) before
     * they are put in place; it throws to refuse them.
     */
    private record Binding<T>(String file, Supplier<T> read, Consumer<T> prepare, LiveMapping<T> live) {

        Runnable readAndPrepare(List<Runnable> preparations) {
            T next = read.get();
            preparations.add(() -> prepare.accept(next));
            return () -> live.replace(next);
        }
    }

    private final List<Binding<?>> bindings = new CopyOnWriteArrayList<>();

    <T> void add(String file, Supplier<T> read, Consumer<T> prepare, LiveMapping<T> live) {
        bindings.add(new Binding<>(file, read, prepare, live));
    }

    /**
     * Reads every binding of {@code file} again; only when all of them read without a mistake, and what they need
     * was prepared, are the new rules put in place.
     */
    MappingChange reload(String file) {
        List<Binding<?>> ofFile = bindings.stream().filter(b -> b.file().equals(file)).toList();
        if (ofFile.isEmpty()) {
            return new MappingChange(MappingChange.Kind.NOT_READ, file + " is not read by this configuration");
        }
        List<Runnable> preparations = new ArrayList<>();
        List<Runnable> swaps = new ArrayList<>();
        try {
            for (Binding<?> binding : ofFile) {
                swaps.add(binding.readAndPrepare(preparations));
            }
        } catch (MappingException e) {
            return new MappingChange(MappingChange.Kind.REFUSED, e.getMessage());
        }
        try {
            preparations.forEach(Runnable::run);
        } catch (RuntimeException e) {
            return new MappingChange(MappingChange.Kind.REFUSED, file + ": " + e.getMessage());
        }
        swaps.forEach(Runnable::run);
        return new MappingChange(MappingChange.Kind.APPLIED, file + " applied");
    }
}
