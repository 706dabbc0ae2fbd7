package dev.leeway.projection.stream;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Whether the stream is held up by a batch that keeps failing (the database is away), for the health check. */
@Component
public class StreamState {

    private final AtomicReference<StreamFailure> failure = new AtomicReference<>();
    private final Clock clock;

    StreamState(Clock clock) {
        this.clock = clock;
    }

    /** The failure so far, this attempt included: the first attempt is the one to alert on. */
    StreamFailure failed(Throwable cause) {
        String reason = FailureReason.of(cause);
        return failure.updateAndGet(current -> current == null
                ? new StreamFailure(clock.instant(), 1, reason)
                : new StreamFailure(current.since(), current.attempts() + 1, reason));
    }

    /** A batch committed: the failure that held the stream up, if there was one, is over. */
    Optional<StreamFailure> moved() {
        return Optional.ofNullable(failure.getAndSet(null));
    }

    public Optional<StreamFailure> failure() {
        return Optional.ofNullable(failure.get());
    }
}
