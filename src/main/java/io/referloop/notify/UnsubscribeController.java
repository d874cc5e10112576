package io.referloop.notify;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The URL in every email's {@code List-Unsubscribe}. {@code POST /unsubscribe/{token}} (RFC 8058 one-click: body
 * {@code List-Unsubscribe=One-Click}, no login) opts the advocate out. {@code GET} only shows a button that POSTs:
 * mail scanners follow links, and a GET must not unsubscribe anybody.
 */
@RestController
class UnsubscribeController {

    private final Unsubscribes unsubscribes;

    UnsubscribeController(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @PostMapping("/unsubscribe/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        if (!unsubscribes.unsubscribe(token)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .body("You are unsubscribed: the referral programme sends you no more email.\n");
    }

    @GetMapping(value = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String token) {
        String action = "/unsubscribe/" + HtmlUtils.htmlEscape(token);
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>
                <form method="post" action="%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <p>Stop all email from the referral programme?</p><button type="submit">Unsubscribe</button>
                </form></body></html>""".formatted(action);
    }
}
