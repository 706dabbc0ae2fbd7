package dev.leeway.query.dashboard;

import dev.leeway.kernel.identity.Role;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The what-if form: this policy's own-authority limit for this role, over the period on the page. */
record WhatIfForm(
        @NotNull(message = "name a policy")
        @Pattern(regexp = "[A-Z][A-Z0-9-]{1,49}", message = "a policy code is 2 to 50 upper-case letters, digits or dashes")
        String policyCode,
        @NotNull(message = "choose a role")
        Role role,
        @NotNull(message = "give a limit")
        @DecimalMin(value = "0", message = "a limit is zero or more")
        @Digits(integer = 15, fraction = 4, message = "at most 15 digits and 4 decimals")
        BigDecimal ownAuthorityLimit,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

    static WhatIfForm blank(DashboardFigures.Period period) {
        return new WhatIfForm(null, Role.AGENT, null, period.from(), period.to());
    }

    DashboardFigures.WhatIfQuestion question(DashboardFigures.Period period) {
        return new DashboardFigures.WhatIfQuestion(policyCode, role, ownAuthorityLimit, period);
    }
}
