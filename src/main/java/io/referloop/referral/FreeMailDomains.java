package io.referloop.referral;

import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Mailbox providers whose domain says nothing about a company: never matched by domain, never a self-referral by domain. */
@Component
public class FreeMailDomains {

    private final Set<String> domains;

    public FreeMailDomains(ProgrammeRules rules) {
        Set<String> all = new HashSet<>(shippedList());
        rules.attribution().extraFreeMailDomains().forEach(d -> all.add(d.toLowerCase(Locale.ROOT)));
        this.domains = Set.copyOf(all);
    }

    public boolean contains(String domain) {
        return domain != null && domains.contains(domain.toLowerCase(Locale.ROOT));
    }

    private static Set<String> shippedList() {
        Set<String> list = new HashSet<>();
        try (InputStream in = FreeMailDomains.class.getResourceAsStream("/free-mail-domains.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(list::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }
}
