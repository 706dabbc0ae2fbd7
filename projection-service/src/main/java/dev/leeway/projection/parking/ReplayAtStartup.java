package dev.leeway.projection.parking;

import dev.leeway.projection.stream.FailureReason;
import dev.leeway.projection.stream.ParkedEventReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A redeploy usually carries the fix for what was parked: try the parked events once, before taking traffic. */
@Component
class ReplayAtStartup {

    private static final Logger log = LoggerFactory.getLogger(ReplayAtStartup.class);

    private final ParkedEventReplay replay;
    private final ParkingStatus status;

    ReplayAtStartup(ParkedEventReplay replay, ParkingStatus status) {
        this.replay = replay;
        this.status = status;
    }

    @EventListener(ApplicationReadyEvent.class)
    void replayParkedEvents() {
        try {
            replay.replayAll();
        } catch (RuntimeException e) {
            log.warn("Parked events were not replayed at start-up ({}); replay them with "
                    + "POST /projections/parked/replay once the database is back", FailureReason.of(e));
        } finally {
            status.forget();
        }
    }
}
