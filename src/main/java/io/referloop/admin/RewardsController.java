package io.referloop.admin;

import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

/** The review queue and the reward actions of the admin API. */
@RestController
@RequestMapping("/api/rewards")
class RewardsController {

    private final RewardService rewards;

    RewardsController(RewardService rewards) {
        this.rewards = rewards;
    }

    record RejectRequest(String reason) {
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

    @PostMapping("/{id}/approve")
    Reward approve(@PathVariable long id) {
        return rewards.approve(id);
    }

    @PostMapping("/{id}/reject")
    Reward reject(@PathVariable long id, @RequestBody(required = false) RejectRequest request) {
        return rewards.reject(id, request == null ? null : request.reason());
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
