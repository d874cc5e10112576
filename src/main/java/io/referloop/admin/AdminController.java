package io.referloop.admin;

import io.referloop.referral.Advocate;
import io.referloop.referral.Decision;
import io.referloop.referral.DecisionLog;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralService;
import io.referloop.referral.Referrals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The admin API (bearer {@code referloop.admin.token}). */
@RestController
@RequestMapping("/api")
class AdminController {

    private final ReferralService service;
    private final Referrals referrals;
    private final DecisionLog decisions;

    private final ProgrammeMetrics metrics;

    AdminController(ReferralService service, Referrals referrals, DecisionLog decisions, ProgrammeMetrics metrics) {
        this.service = service;
        this.referrals = referrals;
        this.decisions = decisions;
        this.metrics = metrics;
    }

    @GetMapping("/metrics")
    ProgrammeMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    record EnrolRequest(String email, String name) {
    }

    record EnrolResponse(long id, String code, String link, String email) {
    }

    record ReferralRequest(String advocateCode, String email, String domain) {
    }

    record ReferralView(Referral referral, List<Decision> decisions) {
    }

    @PostMapping("/advocates")
    ResponseEntity<EnrolResponse> enrol(@RequestBody EnrolRequest request) {
        if (request == null || request.email() == null || !request.email().contains("@")) {
            throw new IllegalArgumentException("email is required");
        }
        Advocate advocate = service.enrolByHand(request.email(), request.name());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new EnrolResponse(advocate.id(), advocate.code(), service.linkFor(advocate), advocate.email()));
    }

    @PostMapping("/referrals")
    ResponseEntity<Referral> register(@RequestBody ReferralRequest request) {
        if (request == null || request.advocateCode() == null || request.advocateCode().isBlank()) {
            throw new IllegalArgumentException("advocateCode is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(service.register(request.advocateCode(), request.email(), request.domain()));
    }

    @GetMapping("/referrals/{id}")
    ResponseEntity<ReferralView> referral(@PathVariable long id) {
        return referrals.byId(id)
                .map(r -> ResponseEntity.ok(new ReferralView(r, decisions.forReferral(id))))
                .orElse(ResponseEntity.notFound().build());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
