package dev.leeway.query.dashboard;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.whatif.WhatIfRequest;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The what-if form: terms proposed for one policy, replayed over the bends of the cases opened in the period on
 * the page. It asks what {@code POST /analytics/what-if} asks ({@link #request(DashboardPeriod)}); a role whose
 * limit is left blank has no own authority under the proposed terms.
 */
record WhatIfForm(
        @NotNull(message = "name a policy")
        @Pattern(regexp = "[A-Z][A-Z0-9-]{1,49}", message = "a policy code is 2 to 50 upper-case letters, digits or dashes")
        String policyCode,
        @NotNull(message = "choose whether the rule may be bent")
        PolicyKind kind,
        @DecimalMin(value = "0", message = "a limit is zero or more")
        @Digits(integer = 15, fraction = 4, message = "at most 15 digits and 4 decimals")
        BigDecimal agentLimit,
        @DecimalMin(value = "0", message = "a limit is zero or more")
        @Digits(integer = 15, fraction = 4, message = "at most 15 digits and 4 decimals")
        BigDecimal supervisorLimit,
        @NotNull(message = "give a monthly budget per agent")
        @DecimalMin(value = "0", message = "a budget is zero or more")
        @Digits(integer = 15, fraction = 4, message = "at most 15 digits and 4 decimals")
        BigDecimal monthlyBudgetPerAgent,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

    static WhatIfForm blank(DashboardPeriod period) {
        return new WhatIfForm(null, PolicyKind.BENDABLE, null, null, null, period.from(), period.to());
    }

    /** The API's question for these terms over the page's period (its window, as every other figure). */
    WhatIfRequest request(DashboardPeriod period) {
        AnalyticsWindow window = period.window();
        return new WhatIfRequest(policyCode, kind, ownAuthorityLimits(), monthlyBudgetPerAgent, null, window.from(),
                window.to());
    }

    /** Only the roles given a limit. */
    private Map<Role, BigDecimal> ownAuthorityLimits() {
        Map<Role, BigDecimal> limits = new EnumMap<>(Role.class);
        if (agentLimit != null) {
            limits.put(Role.AGENT, agentLimit);
        }
        if (supervisorLimit != null) {
            limits.put(Role.SUPERVISOR, supervisorLimit);
        }
        return limits;
    }
}
