package dev.leeway.projection.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Applies parked events again, after a fix: per aggregate, in sequence order, each in a savepoint as the stream
 * does. Those that apply now (or turn out to be applied already, e.g. by an operator's repair) leave parking and
 * the read row advances; the first that still fails stays parked with its new reason, and those behind it wait
 * on. One transaction per aggregate, holding the stream's batches off meanwhile (see {@link ParkedEvents}).
 */
@Component
public class ParkedEventReplay {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventReplay.class);

    private final ProjectionCatalog projections;
    private final ParkedEvents parked;
    private final StreamTransactions transactions;
    private final ProjectionMetrics metrics;
    private final EventPlacer placer;
    private final EventDecoding decoding;

    ParkedEventReplay(ProjectionCatalog projections, ParkedEvents parked, StreamTransactions transactions,
                      ProjectionMetrics metrics, EventPlacer placer, EventDecoding decoding) {
        this.projections = projections;
        this.placer = placer;
        this.decoding = decoding;
        this.parked = parked;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** A transient failure (the database is away) ends the replay; aggregates replayed before it stay replayed. */
    public ReplaySummary replayAll() {
        int replayed = 0;
        int stillParked = 0;
        int aggregatesStillParked = 0;
        for (AggregateRef aggregate : parked.aggregates()) {
            AggregateReplay replay = transactions.inTransaction(() -> replay(aggregate));
            metrics.replayed(replay.released());
            replayed += replay.released();
            stillParked += replay.stillParked();
            if (replay.blocker().isPresent()) {
                aggregatesStillParked++;
                log.warn("{} still has {} parked events: {} (event {} at sequence {}) still fails: {}", aggregate,
                        replay.stillParked(), replay.blocker().get().eventType(), replay.blocker().get().eventId(),
                        replay.blocker().get().sequence(), replay.reason());
            } else {
                log.info("Replayed {} parked events of {}; its read model is up to date again", replay.released(),
                        aggregate);
            }
        }
        if (replayed + stillParked > 0) {
            log.info("Replay of parked events: {} released, {} still parked behind {} aggregates", replayed,
                    stillParked, aggregatesStillParked);
        }
        return new ReplaySummary(replayed, stillParked, aggregatesStillParked);
    }

    private AggregateReplay replay(AggregateRef aggregate) {
        parked.excludeBatches();
        Projection projection = projections.named(aggregate.projection()).orElse(null);
        int released = 0;
        int stillParked = 0;
        Blocker blocker = null;
        EventEnvelope blocking = null;
        String reason = null;
        for (ParkedEvent event : parked.lockAll(aggregate)) {
            if (blocker != null) {
                parked.keep(event.id(), blocker.reasonToWait(), blocker.parkedId());
                stillParked++;
                continue;
            }
            Optional<String> failure = attempt(projection, event.event());
            if (failure.isEmpty()) {
                parked.release(event.id());
                released++;
            } else {
                reason = failure.get();
                parked.keep(event.id(), reason, null);
                blocker = new Blocker(event.id(), event.event().sequence());
                blocking = event.event();
                stillParked++;
            }
        }
        return new AggregateReplay(released, stillParked, Optional.ofNullable(blocking), reason);
    }

    /** Empty if the event is applied now, or was already; otherwise why it stays parked. */
    private Optional<String> attempt(Projection projection, EventEnvelope event) {
        if (projection == null) {
            return Optional.of("no read model of this name reads events any more");
        }
        try {
            Placement placement = transactions.inSavepoint(() -> placer.place(projection, event, () -> decoding.decode(event)));
            // A gap stays parked rather than being dropped: the missing event may still come, and parks behind it.
            return placement.check() == SequenceCheck.GAP
                    ? Optional.of(FailureReason.gap(placement.expected(), event.sequence()))
                    : Optional.empty();
        } catch (RuntimeException e) {
            if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                throw e;
            }
            return Optional.of(FailureReason.of(e));
        }
    }

    private record AggregateReplay(int released, int stillParked, Optional<EventEnvelope> blocker, String reason) {
    }
}
