package dev.leeway.command.metrics;

import dev.leeway.command.cases.BendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code leeway_bends_total{policy, status, authority}}: bends as the command API answered them when asked
 * (GRANTED on OWN_LIMIT, PENDING a second person, DECLINED by a hard rule or budget), and
 * {@code leeway_bend_decisions_total{status}}: the second person's answers. Policy codes are the rulebook's, a
 * bounded set. A retry that gets the first answer again (same Idempotency-Key) is not counted twice.
 */
@Component
public class BendCounter {

    private final MeterRegistry registry;

    BendCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    public void answered(String policyCode, BendOutcome outcome) {
        Counter.builder("leeway.bends")
                .description("Bends answered by the command API, by policy, status and authority")
                .tag("policy", policyCode == null ? "unknown" : policyCode)
                .tag("status", String.valueOf(outcome.status()))
                .tag("authority", String.valueOf(outcome.authority()))
                .register(registry)
                .increment();
    }

    public void decided(BendOutcome outcome) {
        Counter.builder("leeway.bend.decisions")
                .description("Second persons' decisions on pending bends, by the bend's resulting status")
                .tag("status", String.valueOf(outcome.status()))
                .register(registry)
                .increment();
    }
}
