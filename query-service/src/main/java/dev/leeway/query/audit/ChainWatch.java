package dev.leeway.query.audit;

import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.VerificationReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies the whole hash chain and every checkpoint every {@code LEEWAY_AUDIT_VERIFY_INTERVAL} (PT1H; a million
 * events take about 15 s here), and records each verification, scheduled or asked for on
 * {@code GET /audit/verification}, as metrics for alerting: {@code leeway_audit_chain_intact} (1, 0 once a
 * verification found a broken link, NaN before the first), {@code leeway_audit_chain_verified_seconds} (when the
 * last one finished, Unix time) and {@code leeway_audit_verifications_total{result="intact|broken|failed"}}.
 * A broken chain is logged with its first broken link's position and reason (never a payload).
 */
@Component
@EnableScheduling
public class ChainWatch {

    private static final Logger log = LoggerFactory.getLogger(ChainWatch.class);

    private final JdbcTemplate jdbc;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final AtomicReference<Double> intact = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> verifiedAt = new AtomicReference<>(Double.NaN);

    ChainWatch(JdbcTemplate jdbc, MeterRegistry metrics, Clock clock) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.clock = clock;
        Gauge.builder("leeway.audit.chain.intact", intact, AtomicReference::get)
                .description("1 if the last verification found the hash chain and checkpoints intact, 0 if not")
                .register(metrics);
        Gauge.builder("leeway.audit.chain.verified", verifiedAt, AtomicReference::get)
                .description("When the last verification finished (Unix time, seconds)")
                .baseUnit("seconds")
                .register(metrics);
    }

    @Scheduled(initialDelayString = "${leeway.audit.verify-initial-delay:PT1M}",
            fixedDelayString = "${leeway.audit.verify-interval:PT1H}")
    void verifyPeriodically() {
        try {
            verify(null);
        } catch (RuntimeException e) {
            log.warn("Could not verify the audit log now; the next run will: {}", e.getMessage());
        }
    }

    /** Verifies the log (with {@code since}, also whether it extends that digest) and records the outcome. */
    public VerificationReport verify(String since) {
        VerificationReport report;
        try {
            report = jdbc.execute((ConnectionCallback<VerificationReport>) (Connection connection) ->
                    new AuditLogReader(connection).verify(since));
        } catch (RuntimeException e) {
            count("failed");
            throw e;
        }
        intact.set(report.intact() ? 1.0 : 0.0);
        verifiedAt.set(clock.millis() / 1000.0);
        count(report.intact() ? "intact" : "broken");
        if (!report.intact()) {
            log.error("The audit log is NOT intact: first broken link at global position {}: {}",
                    report.firstBrokenLink().position(), report.firstBrokenLink().reason());
        }
        return report;
    }

    private void count(String result) {
        Counter.builder("leeway.audit.verifications").tag("result", result)
                .description("Verifications of the hash chain and checkpoints, by result").register(metrics)
                .increment();
    }
}
