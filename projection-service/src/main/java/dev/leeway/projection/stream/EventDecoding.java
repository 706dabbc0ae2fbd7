package dev.leeway.projection.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.codec.EventJson;
import org.springframework.stereotype.Component;

/** Turns an envelope's payload into today's event record, once per event, for every projection that reads it. */
@Component
public class EventDecoding {

    private static final String EVENT_PACKAGE = "dev.leeway.kernel.";
    private final ObjectMapper json = EventJson.storedEventMapper();

    public Object decode(EventEnvelope event) {
        if (event.payload() == null || !event.eventType().startsWith(EVENT_PACKAGE)) {
            throw new IllegalArgumentException("cannot read " + event.eventType() + " event " + event.eventId());
        }
        try {
            return json.readValue(event.payload(), Class.forName(event.eventType()));
        } catch (ClassNotFoundException | java.io.IOException e) {
            throw new IllegalStateException("cannot read " + event.eventType() + " event " + event.eventId()
                    + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
