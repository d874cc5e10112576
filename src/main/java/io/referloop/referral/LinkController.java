package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** {@code GET /r/{code}}: the referral link an advocate shares. */
@RestController
class LinkController {

    static final String COOKIE = "referloop_ref";

    private final Advocates advocates;
    private final Clicks clicks;
    private final LiveMapping<ProgrammeRules> rules;
    private final Clock clock;

    LinkController(Advocates advocates, Clicks clicks, LiveMapping<ProgrammeRules> rules, Clock clock) {
        this.advocates = advocates;
        this.clicks = clicks;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping("/r/{code}")
    ResponseEntity<String> follow(@PathVariable String code,
                                  @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
                                  HttpServletResponse response) {
        // Checked before upper-casing: 'ſ', 'ı' and 'ﬀ' upper-case to S, I and FF, and are no code's letters.
        String normal = code.chars().allMatch(c -> c < 128) ? code.toUpperCase(Locale.ROOT) : "";
        if (!ReferralCodes.looksValid(normal) || advocates.byCode(normal).filter(Advocate::active).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML)
                    .body("<!doctype html><title>Link not found</title>"
                            + "<h1>This referral link is not valid</h1><p>Ask the person who shared it for a new one.</p>");
        }
        clicks.record(normal, Instant.now(clock), userAgent);
        Cookie cookie = new Cookie(COOKIE, normal);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) Duration.ofDays(rules.current().attribution().windowDays()).toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        String target = UriComponentsBuilder.fromUri(rules.current().programme().landingUrl())
                .replaceQueryParam("ref", normal).build().toUriString();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, target).build();
    }
}
