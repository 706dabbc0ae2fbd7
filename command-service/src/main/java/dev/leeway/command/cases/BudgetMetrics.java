package dev.leeway.command.cases;

import dev.leeway.kernel.policies.PolicyCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The monthly own-authority budgets, counted once a bend's command has committed:
 * {@code leeway_budget_checks_total{policy, result}} ({@code reserved}: granted on own authority and taken from the
 * requester's budget; {@code exhausted}: within the requester's limit, but the budget could not hold it, so it went
 * to a second person) and {@code leeway_budget_reserved_total{policy, currency}}, the value taken from budgets.
 * Bends above the requester's limit never touch the budget and are not counted here.
 */
@Component
class BudgetMetrics {

    private final MeterRegistry registry;

    BudgetMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void counted(PolicyCode policy, Currency currency, BigDecimal reserved, boolean exhausted) {
        if (reserved.signum() > 0) {
            check(policy, "reserved");
            Counter.builder("leeway.budget.reserved")
                    .description("Value given on own authority, taken from the requesters' monthly budgets")
                    .tag("policy", policy.value()).tag("currency", currency.getCurrencyCode())
                    .register(registry).increment(reserved.doubleValue());
        } else if (exhausted) {
            check(policy, "exhausted");
        }
    }

    private void check(PolicyCode policy, String result) {
        Counter.builder("leeway.budget.checks")
                .description("Bends within the requester's limit, by whether the monthly budget held them")
                .tag("policy", policy.value()).tag("result", result)
                .register(registry).increment();
    }
}
