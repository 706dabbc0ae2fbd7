package dev.leeway.query.dashboard;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.fairness.FairnessAnalytics;
import dev.leeway.query.analytics.fairness.FairnessGrouping;
import dev.leeway.query.analytics.outcomes.OutcomeAnalytics;
import dev.leeway.query.analytics.outcomes.OutcomesView;
import dev.leeway.query.analytics.overrides.OverrideAnalytics;
import dev.leeway.query.analytics.overrides.OverrideGrouping;
import dev.leeway.query.analytics.overrides.OverridesView;
import dev.leeway.query.analytics.resolution.ResolutionAnalytics;
import dev.leeway.query.analytics.resolution.ResolutionGrouping;
import dev.leeway.query.analytics.ruledebt.PolicyDebtView;
import dev.leeway.query.analytics.ruledebt.RuleDebtAnalytics;
import dev.leeway.query.analytics.ruledebt.RuleDebtView;
import dev.leeway.query.analytics.whatif.WhatIfAnalytics;
import dev.leeway.query.web.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The analysts' dashboard: one page of figures for a period (the last twelve weeks unless {@code from}/{@code to}
 * say otherwise), and the what-if form on it. Every figure is asked of the analytics services that answer
 * {@code /analytics/*}, with the period made into the API's window by {@link DashboardPeriod#window()}, so that the
 * page and the API cannot disagree; this class only picks the groupings and lays the answers out. Who may see it
 * is decided in {@link DashboardSecurityConfiguration}.
 */
@Hidden
@Controller
@RequestMapping("/dashboard")
class DashboardController {

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);
    private static final int DEFAULT_WEEKS = 12;
    /** A longer period is refused rather than scanning years of facts for one page. */
    private static final int MAX_YEARS = 3;

    private final OverrideAnalytics overrides;
    private final ResolutionAnalytics resolution;
    private final OutcomeAnalytics outcomes;
    private final FairnessAnalytics fairness;
    private final RuleDebtAnalytics ruleDebt;
    private final WhatIfAnalytics whatIfs;
    private final Clock clock;
    private final FigureFormat format = new FigureFormat();

    DashboardController(OverrideAnalytics overrides, ResolutionAnalytics resolution, OutcomeAnalytics outcomes,
                        FairnessAnalytics fairness, RuleDebtAnalytics ruleDebt, WhatIfAnalytics whatIfs,
                        ObjectProvider<Clock> clock) {
        this.overrides = overrides;
        this.resolution = resolution;
        this.outcomes = outcomes;
        this.fairness = fairness;
        this.ruleDebt = ruleDebt;
        this.whatIfs = whatIfs;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The CSRF cookie is set before the page starts streaming, while headers can still be written. */
    @ModelAttribute
    void issueCsrfToken(CsrfToken csrf) {
        csrf.getToken();
    }

    @GetMapping
    String dashboard(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     @AuthenticationPrincipal Jwt analyst, Model model) {
        DashboardPeriod period = period(from, to);
        show(model, period, analyst);
        model.addAttribute("whatIf", WhatIfForm.blank(period));
        return "dashboard/page";
    }

    @PostMapping("/what-if")
    String whatIf(@Valid @ModelAttribute("whatIf") WhatIfForm form, BindingResult invalid,
                  @AuthenticationPrincipal Jwt analyst, Model model) {
        if (form.from() == null || form.to() == null) {
            throw new BadPeriod();
        }
        DashboardPeriod period = period(form.from(), form.to());
        show(model, period, analyst);
        if (!invalid.hasErrors()) {
            model.addAttribute("whatIfAsked", true);
            try {
                model.addAttribute("whatIfAnswer", whatIfs.replay(form.request(period)));
            } catch (ApiProblem refused) {
                model.addAttribute("whatIfRefusal", refused.getMessage());
            }
        }
        return "dashboard/page";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, BadPeriod.class})
    ModelAndView badPeriod() {
        return problem(HttpStatus.BAD_REQUEST, "The period is not valid: give 'from' and 'to' as dates "
                + "(yyyy-mm-dd), 'from' not after 'to', at most " + MAX_YEARS + " years apart.");
    }

    @ExceptionHandler(DataAccessException.class)
    ModelAndView figuresUnavailable(DataAccessException e) {
        log.error("The dashboard's figures could not be read", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The figures cannot be read right now. Try again shortly.");
    }

    /** The last twelve weeks up to today (UTC) where the request names no day. */
    private DashboardPeriod period(LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = from != null ? from : end.minusWeeks(DEFAULT_WEEKS).plusDays(1);
        if (end.isBefore(start) || start.plusYears(MAX_YEARS).isBefore(end)) {
            throw new BadPeriod();
        }
        return new DashboardPeriod(start, end);
    }

    private static final class BadPeriod extends RuntimeException {
        BadPeriod() {
            super(null, null, false, false);
        }
    }

    private void show(Model model, DashboardPeriod period, Jwt analyst) {
        AnalyticsWindow window = period.window();
        model.addAttribute("fmt", format);
        model.addAttribute("analyst", analyst.getSubject());
        model.addAttribute("signedInUntil", analyst.getExpiresAt());
        model.addAttribute("period", period);
        model.addAttribute("window", window);

        OverridesView byWeek = overrides.overrides(OverrideGrouping.WEEK, window);
        List<OverrideWeek> weeks = OverrideWeek.everyWeekOf(period, byWeek);
        model.addAttribute("weeks", weeks);
        model.addAttribute("overrideRateChart", new ChartSeries(
                weeks.stream().map(week -> week.weekStarting().toString()).toList(),
                weeks.stream().map(OverrideWeek::rate).toList()));

        OverridesView byPolicy = overrides.overrides(OverrideGrouping.POLICY, window);
        model.addAttribute("costs", byPolicy.groups());
        model.addAttribute("costChart", costChart(byPolicy));

        model.addAttribute("resolution", resolution.resolution(ResolutionGrouping.CHANNEL, window).groups());
        OutcomesView bentVsComparable = outcomes.outcomes(null, window).orElseThrow();
        model.addAttribute("outcomes", bentVsComparable);
        model.addAttribute("outcomeRates", List.of(bentVsComparable.reopenRate(), bentVsComparable.recontactRate()));
        model.addAttribute("fairness", fairness.fairness(FairnessGrouping.SEGMENT, window));

        RuleDebtView debt = ruleDebt.ruleDebt(window);
        List<PolicyDebtView> bent = debt.policies().stream()
                .filter(policy -> policy.bendsSinceCurrentVersion() > 0).toList();
        model.addAttribute("ruleDebt", bent);
        model.addAttribute("policiesNotBent", debt.policies().size() - bent.size());
        model.addAttribute("ruleDebtAsOf", debt.asOf());
    }

    /** One bar per policy and currency that something was given in, in the API's order (by policy code). */
    private static ChartSeries costChart(OverridesView byPolicy) {
        List<String> labels = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        byPolicy.groups().forEach(policy -> policy.valueGiven().forEach((currency, amount) -> {
            labels.add(policy.group() + " (" + currency + ")");
            values.add(amount);
        }));
        return new ChartSeries(labels, values);
    }

    private static ModelAndView problem(HttpStatus status, String message) {
        return new ModelAndView("dashboard/problem", Map.of("message", message), status);
    }
}
