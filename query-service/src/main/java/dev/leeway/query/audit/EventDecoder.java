package dev.leeway.query.audit;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.codec.EventCodec;
import dev.leeway.kernel.codec.EventDecodingException;
import dev.leeway.query.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a stored event into today's record through the kernel's one codec, with every upcaster, so that an
 * auditor's fold reads an old revision exactly as the aggregate and the projections do.
 * <p>
 * An event this version cannot read (unknown type or revision, JSON that does not map) is never skipped: an
 * answer folded without it would be wrong, not partial. The request is refused with {@code UNREADABLE_EVENT}
 * naming the event, and the event is logged for the operators.
 */
@Component
class EventDecoder {

    private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);

    private final EventCodec codec = EventCodec.standard();

    Object decode(StoredEvent event) {
        try {
            return codec.decode(event.payloadType(), event.payloadRevision(), event.payload());
        } catch (EventDecodingException e) {
            log.warn("Stored event {} (position {}, sequence {} of {}) cannot be read: {}", event.eventIdentifier(),
                    event.globalIndex(), event.sequenceNumber(), event.aggregateIdentifier(), e.getMessage());
            throw new ApiProblem(ErrorCode.UNREADABLE_EVENT, "The event at position " + event.globalIndex()
                    + " (sequence " + event.sequenceNumber() + " of " + event.aggregateIdentifier()
                    + ") cannot be read by this version of Leeway: " + e.getMessage());
        }
    }
}
