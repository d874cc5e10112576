package io.referloop.admin;

import io.referloop.reward.ApprovalService;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * The review queue and the reward actions of the admin API. Everyone holding the bearer token is the same
 * principal, so an approval here counts as one approver, {@value #APPROVER}: above
 * {@code rewards.second-approval-above} a second, different approver (console or HubSpot) must agree.
 */
@RestController
@RequestMapping("/api/rewards")
class RewardsController {

    static final String APPROVER = "admin API";
    private static final String NO_REASON = "no reason given";

    private final RewardService rewards;
    private final ApprovalService approvals;

    RewardsController(RewardService rewards, ApprovalService approvals) {
        this.rewards = rewards;
        this.approvals = approvals;
    }

    record RejectRequest(String reason) {
    }

    record ApproveRequest(String reason) {
    }

    /** A first approval of a reward that needs two: it stays held until a different approver agrees. */
    record WaitingForSecondApprover(Reward reward, int approvals, int needed, String detail) {
    }

    /** {@code ?status=held} (also pending, issuing, issued, failed, rejected, canceled); all without it. */
    @GetMapping
    List<Reward> list(@RequestParam(required = false) String status) {
        if (status == null || status.isBlank()) {
            return rewards.list(null);
        }
        try {
            return rewards.list(Reward.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status " + status);
        }
    }

    /** 200 with the reward being ordered; 202 when it stays held for a second, different approver. */
    @PostMapping("/{id}/approve")
    ResponseEntity<Object> approve(@PathVariable long id, @RequestBody(required = false) ApproveRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? NO_REASON : request.reason();
        ApprovalService.Outcome outcome = approvals.approve(id, APPROVER, null, reason);
        if (outcome.issued()) {
            return ResponseEntity.ok(outcome.reward());
        }
        return ResponseEntity.accepted().body(new WaitingForSecondApprover(outcome.reward(), outcome.approvals(),
                outcome.needed(), "approval " + outcome.approvals() + " of " + outcome.needed()
                + " recorded for the " + APPROVER + "; the reward stays held until a different approver"
                + " (console or HubSpot) approves it"));
    }

    /**
     * Through the approvals like the console's and HubSpot's rejections: the reward is locked against an approval
     * at the same moment, and the rejection is recorded for the {@value #APPROVER} with its reason (or that none was
     * given, which the API allows).
     */
    @PostMapping("/{id}/reject")
    Reward reject(@PathVariable long id, @RequestBody(required = false) RejectRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? "no reason given" : request.reason();
        return approvals.reject(id, APPROVER, reason);
    }

    @PostMapping("/{id}/retry")
    Reward retry(@PathVariable long id) {
        return rewards.retry(id);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
