package io.referloop.console;

import io.referloop.referral.Advocate;
import io.referloop.referral.AdvocateStatus;
import io.referloop.referral.AdvocateStatusRefused;
import io.referloop.referral.AttributionRefused;
import io.referloop.referral.ManualAttribution;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The admin's hand on attribution: disabling and enabling advocates, attributing a person or moving a referral to
 * another advocate. The referral module decides and logs (with the signed-in user); a refusal changes nothing and
 * comes back as a message on the page.
 */
@Controller
@RequestMapping("/console")
class ConsoleAttributionController {

    private final AdvocateStatus advocateStatus;
    private final ManualAttribution manualAttribution;

    ConsoleAttributionController(AdvocateStatus advocateStatus, ManualAttribution manualAttribution) {
        this.advocateStatus = advocateStatus;
        this.manualAttribution = manualAttribution;
    }

    /** Disables or enables an advocate ({@code change}); the flash message says which, or why not. */
    @PostMapping("/advocates/{id}/{change:disable|enable}")
    String changeStatus(@PathVariable long id, @PathVariable String change,
                        @RequestParam(required = false) String reason,
                        @RequestParam(required = false, defaultValue = "") String q, Authentication user,
                        RedirectAttributes flash) {
        boolean disable = change.equals("disable");
        try {
            Advocate advocate = disable ? advocateStatus.disable(id, reason, user.getName())
                    : advocateStatus.enable(id, reason, user.getName());
            flash.addFlashAttribute("done", List.of("Advocate " + advocate.code() + " (" + advocate.email() + ") "
                    + (disable ? "is disabled: their code and link attribute nobody new." : "is active again.")));
        } catch (AdvocateStatusRefused e) {
            flash.addFlashAttribute("refused", List.of("Not " + change + "d: " + e.getMessage() + "."));
        }
        return "redirect:/console/referrals" + query(q);
    }

    /** A person (by email) to an advocate: a person who has a referral already has it moved. */
    @PostMapping("/attributions")
    String attributePerson(@RequestParam(required = false) String email, @RequestParam(required = false) String code,
                           @RequestParam(required = false) String reason, Authentication user,
                           RedirectAttributes flash) {
        try {
            ManualAttribution.Outcome outcome = manualAttribution.attributePerson(email,
                    new ManualAttribution.Request(code, reason, user.getName(), null, null), user.getName());
            flash.addFlashAttribute("done", List.of(said(outcome, code)));
            return "redirect:/console/referrals/" + outcome.referral().id();
        } catch (AttributionRefused e) {
            flash.addFlashAttribute("refused", List.of("Not attributed: " + e.getMessage() + "."));
            flash.addFlashAttribute("attribution", new Entered(email, code, reason));
            return "redirect:/console/referrals";
        }
    }

    @PostMapping("/referrals/{id}/attribute")
    String attributeReferral(@PathVariable long id, @RequestParam(required = false) String code,
                             @RequestParam(required = false) String reason, Authentication user,
                             RedirectAttributes flash) {
        try {
            ManualAttribution.Outcome outcome = manualAttribution.attribute(id,
                    new ManualAttribution.Request(code, reason, user.getName(), null, null), user.getName());
            flash.addFlashAttribute("done", List.of(said(outcome, code)));
        } catch (AttributionRefused e) {
            flash.addFlashAttribute("refused", List.of("Not attributed: " + e.getMessage() + "."));
            flash.addFlashAttribute("attribution", new Entered(null, code, reason));
        }
        return "redirect:/console/referrals/" + id;
    }

    /** What the admin typed, given back with a refusal so nothing has to be typed twice. */
    record Entered(String email, String code, String reason) {
    }

    private static String said(ManualAttribution.Outcome outcome, String code) {
        String advocate = code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!outcome.changed()) {
            return "Referral " + outcome.referral().id() + " already belongs to advocate " + advocate + "; nothing changed.";
        }
        return (outcome.created() ? "New referral " : "Referral ") + outcome.referral().id()
                + " is attributed by hand to advocate " + advocate + ".";
    }

    private static String query(String q) {
        return q == null || q.isBlank() ? "" : "?q=" + URLEncoder.encode(q.strip(), StandardCharsets.UTF_8);
    }
}
