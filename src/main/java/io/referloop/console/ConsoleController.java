package io.referloop.console;

import io.referloop.admin.ProgrammeMetrics;
import io.referloop.referral.DecisionLog;
import io.referloop.reward.ApprovalService;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import io.referloop.reward.Rewards;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/** The console's pages: overview, review queue, referrals and advocates, problems, settings. */
@Controller
@RequestMapping("/console")
class ConsoleController {

    private static final java.time.format.DateTimeFormatter SHOWN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private final ProgrammeMetrics metrics;
    private final ConsoleQueries queries;
    private final ApprovalService approvals;
    private final RewardService rewardService;
    private final Rewards rewards;
    private final DecisionLog decisions;
    private final ConsoleProperties console;
    private final ConsoleSettings settings;
    private final Guards guards;
    private final io.referloop.referral.ReferralService referralService;
    private final OverviewChartData chartData;
    private final Clock clock;

    ConsoleController(ProgrammeMetrics metrics, ConsoleQueries queries, ApprovalService approvals,
                      RewardService rewardService, Rewards rewards, DecisionLog decisions, ConsoleProperties console,
                      ConsoleSettings settings, Guards guards, io.referloop.referral.ReferralService referralService,
                      OverviewChartData chartData, Clock clock) {
        this.metrics = metrics;
        this.queries = queries;
        this.approvals = approvals;
        this.rewardService = rewardService;
        this.rewards = rewards;
        this.decisions = decisions;
        this.console = console;
        this.settings = settings;
        this.guards = guards;
        this.referralService = referralService;
        this.chartData = chartData;
        this.clock = clock;
    }

    @GetMapping
    String overview(Model model) {
        ProgrammeMetrics.Snapshot snapshot = metrics.snapshot();
        ConsoleQueries.Queue queue = queries.queue();
        model.addAttribute("page", "overview");
        model.addAttribute("m", snapshot);
        ConsoleQueries.Funnel funnel = queries.funnel(snapshot.attributedReferrals(), snapshot.convertedReferrals());
        List<ConsoleQueries.Money> money = queries.moneyByState();
        List<ConsoleQueries.Week> weeks = queries.weeks(8);
        model.addAttribute("funnel", funnel);
        model.addAttribute("money", money);
        model.addAttribute("weeks", weeks);
        model.addAttribute("chartData", chartData.json(funnel, weeks, money));
        model.addAttribute("queue", queue);
        model.addAttribute("oldestAge", queue.oldest() == null ? null : age(queue.oldest()));
        return "console/overview";
    }

    record HeldView(ConsoleQueries.HeldReward reward, List<String> evidence, List<String> approvedBy, int needed) {
    }

    @GetMapping("/review")
    String review(Model model) {
        List<HeldView> held = new ArrayList<>();
        for (ConsoleQueries.HeldReward r : queries.held()) {
            List<String> evidence = decisions.forReferral(r.referralId()).stream().map(DecisionWords::describe).toList();
            Reward reward = rewards.byId(r.id()).orElseThrow();
            held.add(new HeldView(r, evidence, approvals.approvalsOf(r.id()).stream().map(a -> a.approver()).toList(),
                    approvals.approversNeeded(reward)));
        }
        model.addAttribute("page", "review");
        model.addAttribute("held", held);
        return "console/review";
    }

    @PostMapping("/review/{id}")
    String decide(@PathVariable long id, @RequestParam String decision, @RequestParam(required = false) String reason,
                  Authentication user, RedirectAttributes flash) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        decideOne(id, decision, reason, user, done, refused);
        report(flash, done, refused);
        return "redirect:/console/review";
    }

    @PostMapping("/review")
    String decideMany(@RequestParam(required = false) List<Long> ids, @RequestParam String decision,
                      @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            refused.add("Select at least one reward.");
        } else {
            for (Long id : ids) {
                decideOne(id, decision, reason, user, done, refused);
            }
        }
        report(flash, done, refused);
        return "redirect:/console/review";
    }

    private void decideOne(long id, String decision, String reason, Authentication user, List<String> done,
                           List<String> refused) {
        try {
            if ("approve".equals(decision)) {
                ApprovalService.Outcome outcome = approvals.approve(id, user.getName(), console.mailboxOf(user.getName()), reason);
                done.add(outcome.issued()
                        ? "Reward " + id + " approved: the gift card is being ordered."
                        : "Reward " + id + ": your approval is recorded (" + outcome.approvals() + " of " + outcome.needed()
                        + "); it needs a second, different approver.");
            } else if ("reject".equals(decision)) {
                approvals.reject(id, user.getName(), reason);
                done.add("Reward " + id + " rejected.");
            } else {
                refused.add("Unknown decision " + decision + ".");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            refused.add("Reward " + id + ": " + e.getMessage() + ".");
        }
    }

    @GetMapping("/referrals")
    String referrals(@RequestParam(required = false, defaultValue = "") String q,
                     @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("page", "referrals");
        model.addAttribute("q", q);
        model.addAttribute("referrals", queries.searchReferrals(q));
        model.addAttribute("advocates", queries.searchAdvocates(q));
        return htmx != null ? "console/referrals :: results" : "console/referrals";
    }

    @GetMapping("/referrals/{id}")
    String referral(@PathVariable long id, Model model) {
        model.addAttribute("page", "referrals");
        model.addAttribute("referral", queries.referral(id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND)));
        model.addAttribute("decisions", decisions.forReferral(id).stream()
                .map(d -> Map.of("at", d.decidedAt().toString(), "shown", SHOWN.format(d.decidedAt()),
                        "words", DecisionWords.describe(d))).toList());
        model.addAttribute("rewards", rewards.forReferral(id));
        return "console/referral";
    }

    /** Enrols an advocate by hand (admin), or names the advocate this email already is. */
    @PostMapping("/advocates")
    @Transactional
    String enrol(@RequestParam(required = false) String email, @RequestParam(required = false) String name,
                 Authentication user, RedirectAttributes flash) {
        if (email == null || io.referloop.referral.Emails.domainOf(email.strip()) == null) {
            flash.addFlashAttribute("refused", List.of("An email address is required to enrol an advocate."));
            return "redirect:/console/referrals";
        }
        io.referloop.referral.Advocate advocate = referralService.enrolByHand(email.strip(),
                name == null || name.isBlank() ? null : name.strip());
        decisions.record(null, advocate.id(), advocate.email(), "console-enrolment", "enrolled",
                Map.of("by", user.getName()));
        flash.addFlashAttribute("done", List.of(advocate.email() + " is advocate " + advocate.code() + ", link "
                + referralService.linkFor(advocate)));
        return "redirect:/console/referrals?q=" + java.net.URLEncoder.encode(advocate.code(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/problems")
    String problems(Model model) {
        model.addAttribute("page", "problems");
        model.addAttribute("events", queries.failedEvents());
        model.addAttribute("writes", queries.failedWrites());
        model.addAttribute("failedRewards", queries.failedRewards());
        model.addAttribute("guards", guards.all());
        return "console/problems";
    }

    @PostMapping("/problems/events")
    @Transactional
    String replayEvents(@RequestParam(required = false) List<Long> ids, Authentication user, RedirectAttributes flash) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Long id : ids == null ? List.<Long>of() : ids) {
            if (queries.replayEvent(id)) {
                decisions.record(null, null, "inbox:" + id, "replay", "replayed", Map.of("by", user.getName()));
                done.add("Inbox event " + id + " queued again.");
            } else {
                refused.add("Inbox event " + id + " is not failed any more.");
            }
        }
        report(flash, done, refused);
        return "redirect:/console/problems";
    }

    @PostMapping("/problems/writes")
    @Transactional
    String replayWrites(@RequestParam(required = false) List<Long> ids, Authentication user, RedirectAttributes flash) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Long id : ids == null ? List.<Long>of() : ids) {
            switch (queries.replayWrite(id)) {
                case QUEUED -> {
                    decisions.record(null, null, "crm-write:" + id, "replay", "replayed", Map.of("by", user.getName()));
                    done.add("CRM write " + id + " queued again.");
                }
                case SUPERSEDED -> {
                    decisions.record(null, null, "crm-write:" + id, "replay", "superseded", Map.of("by", user.getName()));
                    done.add("CRM write " + id + " needs no replay: newer writes of the record carry all its values.");
                }
                case NOT_FAILED -> refused.add("CRM write " + id + " is not failed any more.");
            }
        }
        report(flash, done, refused);
        return "redirect:/console/problems";
    }

    @PostMapping("/problems/rewards")
    String retryRewards(@RequestParam(required = false) List<Long> ids, Authentication user, RedirectAttributes flash) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Long id : ids == null ? List.<Long>of() : ids) {
            try {
                rewardService.retry(id, user.getName());
                done.add("Reward " + id + " sent to the provider again, with its original idempotency key.");
            } catch (IllegalArgumentException | IllegalStateException e) {
                refused.add("Reward " + id + ": " + e.getMessage() + ".");
            }
        }
        report(flash, done, refused);
        return "redirect:/console/problems";
    }

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("page", "settings");
        model.addAttribute("systems", settings.systems());
        model.addAttribute("urls", settings.publicUrls());
        model.addAttribute("mappings", settings.mappingFiles());
        model.addAttribute("mappingChanges", settings.mappingChanges());
        model.addAttribute("routeFolders", settings.routeFolders());
        model.addAttribute("routeRefusals", settings.routeRefusals());
        model.addAttribute("secondApprovalAbove", settings.secondApprovalAbove());
        model.addAttribute("users", console.users());
        return "console/settings";
    }

    private static void report(RedirectAttributes flash, List<String> done, List<String> refused) {
        if (!done.isEmpty()) {
            flash.addFlashAttribute("done", done);
        }
        if (!refused.isEmpty()) {
            flash.addFlashAttribute("refused", refused);
        }
    }

    private String age(Instant since) {
        Duration d = Duration.between(since, Instant.now(clock));
        if (d.toDays() >= 1) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }
}
