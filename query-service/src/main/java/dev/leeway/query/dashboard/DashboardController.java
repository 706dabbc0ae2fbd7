package dev.leeway.query.dashboard;

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

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The analysts' dashboard: one page of figures for a period (the last twelve weeks unless {@code from}/{@code to}
 * say otherwise), and the what-if form on it. Figures come from {@link DashboardFigures} and are rendered as
 * tables and as chart data for {@code dashboard.js}. Who may see it is decided in
 * {@link DashboardSecurityConfiguration}.
 */
@Hidden
@Controller
@RequestMapping("/dashboard")
class DashboardController {

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);
    private static final int DEFAULT_WEEKS = 12;
    /** A longer period is refused rather than scanning years of facts for one page. */
    private static final int MAX_YEARS = 3;

    private final DashboardFigures figures;
    private final Clock clock;
    private final FigureFormat format = new FigureFormat();

    DashboardController(DashboardFigures figures, ObjectProvider<Clock> clock) {
        this.figures = figures;
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
        DashboardFigures.Period period = period(from, to);
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
        DashboardFigures.Period period = period(form.from(), form.to());
        show(model, period, analyst);
        if (!invalid.hasErrors()) {
            model.addAttribute("whatIfAsked", true);
            model.addAttribute("whatIfOutcome", figures.whatIf(form.question(period)).orElse(null));
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
    private DashboardFigures.Period period(LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = from != null ? from : end.minusWeeks(DEFAULT_WEEKS).plusDays(1);
        if (end.isBefore(start) || start.plusYears(MAX_YEARS).isBefore(end)) {
            throw new BadPeriod();
        }
        return new DashboardFigures.Period(start, end);
    }

    private static final class BadPeriod extends RuntimeException {
        BadPeriod() {
            super(null, null, false, false);
        }
    }

    private void show(Model model, DashboardFigures.Period period, Jwt analyst) {
        List<DashboardFigures.WeeklyOverrideRate> weeks = figures.overrideRateByWeek(period);
        List<DashboardFigures.PolicyCost> costs = figures.costPerPolicy(period);
        model.addAttribute("fmt", format);
        model.addAttribute("analyst", analyst.getSubject());
        model.addAttribute("signedInUntil", analyst.getExpiresAt());
        model.addAttribute("period", period);
        model.addAttribute("weeks", weeks);
        model.addAttribute("overrideRateChart", new ChartSeries(
                weeks.stream().map(week -> week.weekStarting().toString()).toList(),
                weeks.stream().map(week -> FigureFormat.percentValue(week.overrideRate())).toList()));
        model.addAttribute("costs", costs);
        model.addAttribute("costChart", new ChartSeries(
                costs.stream().map(cost -> cost.policyCode() + " (" + cost.currency() + ")").toList(),
                costs.stream().map(DashboardFigures.PolicyCost::valueGiven).toList()));
        model.addAttribute("resolution", figures.resolution(period).orElse(null));
        model.addAttribute("outcomes", figures.outcomesBentVsComparable(period));
        model.addAttribute("fairness", figures.fairness(period));
        model.addAttribute("ruleDebt", figures.ruleDebt(period));
    }

    private static ModelAndView problem(HttpStatus status, String message) {
        return new ModelAndView("dashboard/problem", Map.of("message", message), status);
    }
}
