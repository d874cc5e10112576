package io.referloop.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What was bound from each mapping file at start, so that a changed file is read again the same way (the same
 * schema, the same record). All the rules of one file change together or not at all.
 */
final class MappingBindings {

    /** One use of a file: {@code live} is null for rules read once at start (applied by a restart). */
    private record Binding<T>(String file, Supplier<T> read, LiveMapping<T> live) {

        Runnable readAgain() {
            T next = read.get();
            return live == null ? () -> { } : () -> live.replace(next);
        }
    }

    private final List<Binding<?>> bindings = new CopyOnWriteArrayList<>();

    <T> void add(String file, Supplier<T> read, LiveMapping<T> live) {
        bindings.add(new Binding<>(file, read, live));
    }

    /** Reads every binding of {@code file} again; only when all of them read without a mistake are the new rules put in place. */
    MappingChange reload(String file) {
        List<Binding<?>> ofFile = bindings.stream().filter(b -> b.file().equals(file)).toList();
        if (ofFile.isEmpty()) {
            return new MappingChange(MappingChange.Kind.NOT_READ, file + " is not read by this configuration");
        }
        List<Runnable> swaps = new ArrayList<>();
        try {
            for (Binding<?> binding : ofFile) {
                swaps.add(binding.readAgain());
            }
        } catch (MappingException e) {
            return new MappingChange(MappingChange.Kind.REFUSED, e.getMessage());
        }
        swaps.forEach(Runnable::run);
        boolean live = ofFile.stream().anyMatch(b -> b.live() != null);
        boolean restart = ofFile.stream().anyMatch(b -> b.live() == null);
        if (restart) {
            return new MappingChange(MappingChange.Kind.AT_NEXT_START, file + " is valid" + (live ? "; part of it" : "; it")
                    + " applies at the next start");
        }
        return new MappingChange(MappingChange.Kind.APPLIED, file + " applied");
    }
}
