package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.codec.EventJson;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Turns a stored payload back into its event class, to fold it with the same logic the aggregate uses. Only
 * Leeway's own event classes are ever loaded by name. Revisions are read tolerantly: fields a revision added are
 * absent (null) in older ones, as the command side's upcasters make them. Read with the kernel's stored-event
 * mapper, so whatever an earlier version stored stays readable.
 */
@Component
class EventDecoder {

    private static final String EVENT_PACKAGE = "dev.leeway.kernel.";

    private final ObjectMapper json = EventJson.storedEventMapper();

    Object decode(StoredEvent event) {
        if (!event.payloadType().startsWith(EVENT_PACKAGE)) {
            return null;
        }
        try {
            Class<?> type = Class.forName(event.payloadType());
            return json.readValue(event.payload(), type);
        } catch (ClassNotFoundException unknownToThisVersion) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("event " + event.eventIdentifier() + " cannot be read", e);
        }
    }
}
