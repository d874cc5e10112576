package io.referloop.referral;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A shipped list of mail domains (one a line, {@code #} comments) plus the ones program.yaml adds. */
final class DomainList {

    private final Set<String> domains;

    DomainList(String resource, Collection<String> extra) {
        Set<String> all = new HashSet<>(read(resource));
        extra.forEach(d -> all.add(d.trim().toLowerCase(Locale.ROOT)));
        this.domains = Set.copyOf(all);
    }

    boolean contains(String domain) {
        return domain != null && domains.contains(domain.toLowerCase(Locale.ROOT));
    }

    private static Set<String> read(String resource) {
        Set<String> list = new HashSet<>();
        InputStream in = DomainList.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the jar");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).forEach(list::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }
}
