package dev.leeway.projection.stream;

import dev.leeway.kernel.codec.EventCodec;
import org.springframework.stereotype.Component;

/**
 * Turns an envelope's payload into today's event record with the kernel's one codec (every upcaster, every
 * revision ever stored), once per event for every projection that reads it. An unknown type or revision, or a
 * payload that does not map, throws: the event is parked, never skipped.
 */
@Component
public class EventDecoding {

    private final EventCodec codec = EventCodec.standard();

    public Object decode(EventEnvelope event) {
        return codec.decode(event.eventType(), event.revision(), event.payload());
    }
}
