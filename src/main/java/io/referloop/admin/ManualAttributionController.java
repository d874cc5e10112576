package io.referloop.admin;

import io.referloop.referral.AttributionRefused;
import io.referloop.referral.Decision;
import io.referloop.referral.DecisionLog;
import io.referloop.referral.ManualAttribution;
import io.referloop.referral.Referral;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/**
 * Manual attribution: {@code POST /api/referrals/{id}/attribute} moves or decides an existing referral,
 * {@code POST /api/attributions} attributes a person who may have no referral yet. Both answer the referral
 * with its decision log, as {@code GET /api/referrals/{id}} does.
 */
@RestController
@RequestMapping("/api")
class ManualAttributionController {

    private final ManualAttribution attribution;
    private final DecisionLog decisions;

    ManualAttributionController(ManualAttribution attribution, DecisionLog decisions) {
        this.attribution = attribution;
        this.decisions = decisions;
    }

    record AttributeRequest(String advocateCode, String reason, String by, String crm, String contactId) {

        ManualAttribution.Request toRequest() {
            return new ManualAttribution.Request(advocateCode, reason, by, crm, contactId);
        }
    }

    record PersonRequest(String email, String advocateCode, String reason, String by, String crm, String contactId) {

        ManualAttribution.Request toRequest() {
            return new ManualAttribution.Request(advocateCode, reason, by, crm, contactId);
        }
    }

    record ReferralView(Referral referral, List<Decision> decisions) {
    }

    @PostMapping("/referrals/{id}/attribute")
    ReferralView attribute(@PathVariable long id, @RequestBody(required = false) AttributeRequest body,
                           Principal principal) {
        ManualAttribution.Outcome outcome = attribution.attribute(id, body == null ? null : body.toRequest(),
                principal == null ? null : principal.getName());
        return view(outcome.referral());
    }

    @PostMapping("/attributions")
    ResponseEntity<ReferralView> attributePerson(@RequestBody(required = false) PersonRequest body, Principal principal) {
        ManualAttribution.Outcome outcome = attribution.attributePerson(body == null ? null : body.email(),
                body == null ? null : body.toRequest(), principal == null ? null : principal.getName());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(outcome.referral()));
    }

    private ReferralView view(Referral referral) {
        return new ReferralView(referral, decisions.forReferral(referral.id()));
    }

    @ExceptionHandler(AttributionRefused.class)
    ProblemDetail refused(AttributionRefused refused) {
        HttpStatus status = switch (refused.why()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return ProblemDetail.forStatusAndDetail(status, refused.getMessage());
    }
}
