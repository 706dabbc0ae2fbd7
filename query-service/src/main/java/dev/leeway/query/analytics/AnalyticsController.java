package dev.leeway.query.analytics;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.query.analytics.fairness.FairnessAnalytics;
import dev.leeway.query.analytics.fairness.FairnessGrouping;
import dev.leeway.query.analytics.fairness.FairnessView;
import dev.leeway.query.analytics.outcomes.OutcomeAnalytics;
import dev.leeway.query.analytics.outcomes.OutcomesView;
import dev.leeway.query.analytics.overrides.OverrideAnalytics;
import dev.leeway.query.analytics.overrides.OverrideGrouping;
import dev.leeway.query.analytics.overrides.OverridesView;
import dev.leeway.query.analytics.resolution.ResolutionAnalytics;
import dev.leeway.query.analytics.resolution.ResolutionGrouping;
import dev.leeway.query.analytics.resolution.ResolutionView;
import dev.leeway.query.analytics.ruledebt.RuleDebtAnalytics;
import dev.leeway.query.analytics.ruledebt.RuleDebtView;
import dev.leeway.query.web.ApiDocumentation;
import dev.leeway.query.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analysts' questions: which rules are bent, how often, at what cost, with what effect, how fairly, and which
 * rules need fixing. Each answer is about the cases opened in [from, to); JSON, or CSV on {@code Accept: text/csv}.
 */
@RestController
@RequestMapping(path = "/analytics", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
@Tag(name = "Analytics", description = "Figures over the case facts read model, for cases opened in [from, to) "
        + "(from and to: ISO-8601 instants or dates, a date meaning its midnight UTC; either may be left out). "
        + "Counts are exact; every rate comes with its numerator and denominator. Answers application/json, or "
        + "text/csv (one row per group, nested fields as dotted columns) on Accept: text/csv. 400 VALIDATION_FAILED "
        + "for an unknown by, a malformed date or from after to.")
@SecurityRequirement(name = ApiDocumentation.BEARER, scopes = "ANALYST")
class AnalyticsController {

    private static final String FROM = "Cases opened at or after this instant (2026-01-05T00:00:00Z) or date "
            + "(2026-01-05, midnight UTC); unbounded when absent";
    private static final String TO = "Cases opened before this instant or date (exclusive); unbounded when absent";

    private final OverrideAnalytics overrides;
    private final OutcomeAnalytics outcomes;
    private final FairnessAnalytics fairness;
    private final ResolutionAnalytics resolution;
    private final RuleDebtAnalytics ruleDebt;

    AnalyticsController(OverrideAnalytics overrides, OutcomeAnalytics outcomes, FairnessAnalytics fairness,
                        ResolutionAnalytics resolution, RuleDebtAnalytics ruleDebt) {
        this.overrides = overrides;
        this.outcomes = outcomes;
        this.fairness = fairness;
        this.resolution = resolution;
        this.ruleDebt = ruleDebt;
    }

    @GetMapping("/overrides")
    @Operation(summary = "How often rules are bent, per group",
            description = "Per group: cases, cases with a bend asked for (whatever became of it), the bend rate, "
                    + "bends granted / declined / pending, and value given by granted bends per currency. A group "
                    + "whose bend rate is above flagAbove (leeway.analytics.override-flag-rate, default 0.10: where "
                    + "bank examiners start asking about credit overrides) is flagged. by=agent: cases the agent "
                    + "acted on, bent when that agent asked for a bend, that agent's bends. by=policy: cases with a "
                    + "bend under the policy out of all cases in the window, that policy's bends; only policies bent "
                    + "in the window are listed. by=week: the ISO week (Monday, UTC) the case was opened in.")
    OverridesView overrides(@Parameter(schema = @Schema(allowableValues = {"agent", "channel", "segment", "policy",
                                    "week"})) @RequestParam String by,
                            @Parameter(description = FROM) @RequestParam(required = false) String from,
                            @Parameter(description = TO) @RequestParam(required = false) String to) {
        return overrides.overrides(by(OverrideGrouping.class, by), AnalyticsWindow.requested(from, to));
    }

    @GetMapping("/outcomes")
    @Operation(summary = "Outcomes of bent cases against comparable ones",
            description = "Bent: cases with at least one GRANTED bend (under policy, when given). Comparable: "
                    + "cases where no bend was asked for at all. Cases with only declined or pending bends (or, with "
                    + "policy, granted bends under other policies only) are in neither group. For CSAT (mean, over "
                    + "cases with a score) and the reopen and re-contact rates (over resolved cases): both groups, "
                    + "the naive difference (bent − comparable) with its 95% interval (Welch for means, Wald for "
                    + "rates), and the adjusted difference comparing like with like within channel × severity × "
                    + "segment, each stratum weighted by its bent observations (average effect on the bent), "
                    + "95% interval from sqrt(Σ w²·(var_b/n_b + var_c/n_c)). Strata where a group has no "
                    + "observation (for CSAT: fewer than two) are listed as excluded. Read the caveat. "
                    + "404 POLICY_NOT_FOUND.")
    OutcomesView outcomes(@Parameter(description = "A policy code: only bends under it make a case bent")
                          @RequestParam(required = false) String policy,
                          @Parameter(description = FROM) @RequestParam(required = false) String from,
                          @Parameter(description = TO) @RequestParam(required = false) String to) {
        String code = policy == null ? null : policyCode(policy);
        return outcomes.outcomes(code, AnalyticsWindow.requested(from, to))
                .orElseThrow(() -> new ApiProblem(ErrorCode.POLICY_NOT_FOUND, "No policy " + policy + "."));
    }

    @GetMapping("/fairness")
    @Operation(summary = "Whether agents bend rules evenly across customer groups",
            description = "Per agent (cases the agent acted on) and customer group: cases, cases the agent asked "
                    + "for a bend on, and the rate. Groups with fewer than minimumCases (default 30) cases are "
                    + "shown with eligible false and left out of the ratio. ratio = lowest eligible rate / highest, "
                    + "with Katz's 95% interval; flagged below flagBelow (four-fifths rule, 29 CFR 1607.4(D)). A "
                    + "lowest rate of 0 gives ratio 0 without interval, flagged; no bend in any eligible group, or "
                    + "fewer than two eligible groups, gives no ratio and no flag (see note).")
    FairnessView fairness(@Parameter(schema = @Schema(allowableValues = {"segment", "channel"}))
                          @RequestParam String by,
                          @Parameter(description = FROM) @RequestParam(required = false) String from,
                          @Parameter(description = TO) @RequestParam(required = false) String to) {
        return fairness.fairness(by(FairnessGrouping.class, by), AnalyticsWindow.requested(from, to));
    }

    @GetMapping("/resolution")
    @Operation(summary = "Resolution and satisfaction, per group",
            description = "First-contact resolution (resolved, never reopened, no interaction after the first "
                    + "resolution), reopen and re-contact rates, all over resolved cases; time to resolve "
                    + "(first resolution − opening: median and 90th percentile, PostgreSQL percentile_cont, in "
                    + "seconds); CSAT (n, mean, scores 1-5). by=agent: resolution figures of the cases the agent "
                    + "resolved first, CSAT of the surveys credited to the agent (who resolved the resolution the "
                    + "survey follows). by=policy: cases with a bend (any status) under the policy.")
    ResolutionView resolution(@Parameter(schema = @Schema(allowableValues = {"agent", "channel", "policy", "week"}))
                              @RequestParam String by,
                              @Parameter(description = FROM) @RequestParam(required = false) String from,
                              @Parameter(description = TO) @RequestParam(required = false) String to) {
        return resolution.resolution(by(ResolutionGrouping.class, by), AnalyticsWindow.requested(from, to));
    }

    @GetMapping("/rule-debt")
    @Operation(summary = "Which rules need fixing",
            description = "Every policy: bends asked for under its current version (on cases opened in the "
                    + "window), value given by those granted, the share of reviewed ones UPHELD, its rule-change "
                    + "proposals open and accepted, and the age of its oldest bend under the current version (one "
                    + "no revision has answered yet). Worst first: most bends, then oldest unanswered bend, then "
                    + "policy code.")
    RuleDebtView ruleDebt(@Parameter(description = FROM) @RequestParam(required = false) String from,
                          @Parameter(description = TO) @RequestParam(required = false) String to) {
        return ruleDebt.ruleDebt(AnalyticsWindow.requested(from, to));
    }


    private static <E extends Enum<E>> E by(Class<E> type, String value) {
        try {
            return Grouping.parse(type, value);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, e.getMessage() + ".");
        }
    }

    private static String policyCode(String code) {
        try {
            return new PolicyCode(code).value();
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "policy must be 2 to 50 upper-case letters, digits or "
                    + "dashes.");
        }
    }
}
