package dev.leeway.command.audit;

import dev.leeway.kernel.audit.EventHashing;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** On-demand sealing, for an auditor who wants a digest that covers everything up to now. */
@RestController
class CheckpointController {

    private final CheckpointSealer sealer;

    CheckpointController(CheckpointSealer sealer) {
        this.sealer = sealer;
    }

    @PostMapping(path = "/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CheckpointView> seal() {
        return sealer.sealAll()
                .map(range -> ResponseEntity.status(201).body(new CheckpointView(range.checkpointNo(),
                        range.fromGlobalIndex(), range.toGlobalIndex(), range.eventCount(),
                        EventHashing.hex(range.digest()))))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    record CheckpointView(long checkpointNo, long fromPosition, long toPosition, int eventCount, String digest) {
    }
}
