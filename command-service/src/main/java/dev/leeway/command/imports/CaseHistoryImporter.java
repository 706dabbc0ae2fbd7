package dev.leeway.command.imports;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.messaging.CommandSender;
import dev.leeway.command.messaging.HistoricalOrigin;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.codec.EventLimitsExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;

/**
 * Stores one case of imported history through the command bus, so that the same aggregate and guardrails decide
 * as for the API, with all of its commands in one database transaction: Axon's unit of work for each command joins
 * the transaction opened here (SpringTransactionManager, propagation REQUIRED), and so do the own-authority budget
 * and the rulebook. A step refused by a guardrail rolls back every earlier step of the case, budget included.
 */
@Component
class CaseHistoryImporter {

    private static final Logger log = LoggerFactory.getLogger(CaseHistoryImporter.class);

    private final CommandSender commands;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final IdGenerator ids;

    CaseHistoryImporter(CommandSender commands, TransactionTemplate transaction, JdbcTemplate jdbc, IdGenerator ids) {
        this.commands = commands;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.ids = ids;
    }

    LineResult importCase(int line, CaseHistory history) {
        String caseId = history.caseId().toString();
        if (stored(caseId)) {
            return LineResult.skipped(line, history.sourceId(), caseId);
        }
        String correlationId = ids.generateId().toString();
        try {
            long events = transaction.execute(status -> {
                for (CaseHistory.Step step : history.steps()) {
                    send(step, new HistoricalOrigin(step.actor(), step.at(), history.sourceId(), correlationId));
                }
                return jdbc.queryForObject(
                        "SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class, caseId);
            });
            return LineResult.imported(line, history.sourceId(), caseId, events);
        } catch (StepRefused refused) {
            if (refused.step().equals(history.steps().get(0).name()) && refused.code() == ErrorCode.CASE_ALREADY_EXISTS) {
                return LineResult.skipped(line, history.sourceId(), caseId); // the same line, imported meanwhile
            }
            return LineResult.refused(line, history.sourceId(), refused.step(), refused.code().name(),
                    refused.step() + ": " + refused.getMessage());
        }
    }

    private void send(CaseHistory.Step step, HistoricalOrigin origin) {
        try {
            commands.sendToCase(step.command(), origin);
        } catch (CommandRejectedException e) {
            throw new StepRefused(step.name(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (causedBy(e, EventLimitsExceededException.class)) {
                throw new StepRefused(step.name(), ErrorCode.VALUE_OUT_OF_BOUNDS,
                        "The step would store a value beyond Leeway's bounds; nothing of the case was stored.");
            }
            log.error("A step of an imported case failed unexpectedly; nothing of the case was stored", e);
            throw new StepRefused(step.name(), ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private boolean stored(String caseId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM event_store.domain_event_entry WHERE aggregate_identifier = ?)",
                Boolean.class, caseId));
    }

    /** Thrown out of the transaction so that it rolls back: which step was refused, and why. */
    private static final class StepRefused extends RuntimeException {
        private final String step;
        private final ErrorCode code;

        StepRefused(String step, ErrorCode code, String detail) {
            super(detail, null, false, false);
            this.step = step;
            this.code = code;
        }

        String step() {
            return step;
        }

        ErrorCode code() {
            return code;
        }
    }
}
