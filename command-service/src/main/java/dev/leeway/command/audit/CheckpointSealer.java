package dev.leeway.command.audit;

import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.SealedRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Seals what was appended since the last checkpoint, periodically and on demand. The work is done by the
 * database function event_store.seal_checkpoint (migration V3), which this service may execute but whose
 * tables it may not write directly.
 */
@Component
public class CheckpointSealer {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSealer.class);

    private final JdbcTemplate jdbc;
    private final int maxEventsPerCheckpoint;

    CheckpointSealer(JdbcTemplate jdbc, @Value("${leeway.audit.max-events-per-checkpoint:100000}") int maxEvents) {
        this.jdbc = jdbc;
        this.maxEventsPerCheckpoint = maxEvents;
    }

    /** Seals everything not sealed yet (in as many checkpoints as it takes); the newest, if any was made. */
    public Optional<SealedRange> sealAll() {
        Optional<SealedRange> newest = Optional.empty();
        for (Optional<SealedRange> sealed = sealOne(); sealed.isPresent(); sealed = sealOne()) {
            newest = sealed;
        }
        return newest;
    }

    @Scheduled(initialDelayString = "${leeway.audit.checkpoint-interval:PT1M}",
            fixedDelayString = "${leeway.audit.checkpoint-interval:PT1M}")
    void sealPeriodically() {
        try {
            sealAll().ifPresent(range -> log.info("Sealed checkpoint {} up to position {}",
                    range.checkpointNo(), range.toGlobalIndex()));
        } catch (RuntimeException e) {
            log.warn("Could not seal a checkpoint now; the next run will: {}", e.getMessage());
        }
    }

    private Optional<SealedRange> sealOne() {
        List<SealedRange> sealed = jdbc.query("SELECT * FROM event_store.seal_checkpoint(?)",
                (row, n) -> AuditLogReader.checkpoint(row), maxEventsPerCheckpoint);
        return sealed.stream().findFirst();
    }
}
