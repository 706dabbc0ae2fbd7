package dev.leeway.kernel.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place a stored or published event (payload type = record class name, revision, JSON) becomes today's
 * event record: the command side's event store, projections, the audit API and {@code deploy/leeway verify} all
 * read through it, so an old revision means the same everywhere.
 * <p>
 * JSON is read with {@link EventJson#storedEventMapper()} (numbers of any length exactly, unknown properties
 * tolerated) and brought to the current revision by the kernel's upcasters. Whatever cannot be read throws an
 * {@link EventDecodingException}; nothing is skipped and null is never returned. Thread-safe.
 */
public final class EventCodec {

    private static final EventCodec STANDARD = new EventCodec(EventCatalogue.EVENTS, EventHistory.upcasters());

    private final Map<String, KnownEvent> known;
    private final ObjectReader trees;

    EventCodec(List<Class<?>> eventTypes, List<Upcaster> upcasters) {
        ObjectMapper mapper = EventJson.storedEventMapper();
        // A payload is exactly one JSON document: anything after it means the row is not what was written.
        this.trees = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        Map<String, Map<String, Upcaster>> steps = stepsByTypeAndRevision(upcasters);
        Map<String, KnownEvent> events = new LinkedHashMap<>();
        for (Class<?> type : eventTypes) {
            events.put(type.getName(),
                    KnownEvent.of(type, trees.forType(type), steps.getOrDefault(type.getName(), Map.of())));
        }
        for (String type : steps.keySet()) {
            if (!events.containsKey(type)) {
                throw new IllegalArgumentException("upcasters for " + type + ", which the codec does not know");
            }
        }
        this.known = Map.copyOf(events);
    }

    /** The codec of every Leeway event type with every upcaster its history needs. */
    public static EventCodec standard() {
        return STANDARD;
    }

    /**
     * Today's record for a stored event.
     *
     * @throws UnknownEventException     for a type this version does not know, or a revision it cannot upcast
     * @throws UndecodableEventException when the JSON does not map to the record
     */
    public Object decode(String payloadType, String revision, String json) {
        KnownEvent event = known(payloadType, revision);
        List<Upcaster> path = event.pathFrom(revision);
        if (json == null) {
            throw new UndecodableEventException(payloadType, revision, "the payload is missing");
        }
        Object decoded;
        try {
            // The current revision, by far the most frequent, is read straight into its record, without a tree.
            decoded = path.isEmpty() ? event.reader().readValue(json)
                    : event.reader().readValue(upcast(path, object(payloadType, revision, trees.readTree(json))));
        } catch (IOException e) {
            throw new UndecodableEventException(payloadType, revision, DecodingReason.of(e, json, trees));
        }
        if (decoded == null) {
            throw new UndecodableEventException(payloadType, revision, "the payload is JSON null");
        }
        return decoded;
    }

    /** As {@link #decode(String, String, String)}, for a reader that only handles {@code expected}. */
    public <T> T decode(String payloadType, String revision, String json, Class<T> expected) {
        KnownEvent event = known(payloadType, revision);
        if (!expected.isAssignableFrom(event.type())) {
            throw new UnknownEventException(payloadType, revision, "expected " + expected.getName());
        }
        return expected.cast(decode(payloadType, revision, json));
    }

    /**
     * The JSON of a stored event at the current revision of its type, for readers that deserialize themselves
     * (Axon's upcaster chain). {@code payload} is not changed.
     */
    public ObjectNode upcast(String payloadType, String revision, JsonNode payload) {
        List<Upcaster> path = known(payloadType, revision).pathFrom(revision);
        return upcast(path, object(payloadType, revision, payload));
    }

    public boolean knows(String payloadType) {
        return known.containsKey(payloadType);
    }

    /** The revision new events of {@code payloadType} are stored with. */
    public String currentRevision(String payloadType) {
        return known(payloadType, null).revision();
    }

    public String currentRevision(Class<?> type) {
        return currentRevision(type.getName());
    }

    /** Every payload type this codec reads. */
    public Set<String> payloadTypes() {
        return known.keySet();
    }

    /** Every revision of {@code payloadType} this codec reads: the current one and each it can upcast from. */
    public Set<String> readableRevisions(String payloadType) {
        return known(payloadType, null).readableRevisions();
    }

    private KnownEvent known(String payloadType, String revision) {
        KnownEvent event = payloadType == null ? null : known.get(payloadType);
        if (event == null) {
            throw new UnknownEventException(payloadType, revision, "this version of Leeway does not know the type");
        }
        return event;
    }

    private static ObjectNode upcast(List<Upcaster> path, ObjectNode payload) {
        ObjectNode upcast = payload;
        for (Upcaster step : path) {
            upcast = step.upcast(upcast);
        }
        return upcast;
    }

    private static ObjectNode object(String payloadType, String revision, JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            return object;
        }
        throw new UndecodableEventException(payloadType, revision, "the payload is not a JSON object");
    }

    private static Map<String, Map<String, Upcaster>> stepsByTypeAndRevision(List<Upcaster> upcasters) {
        Map<String, Map<String, Upcaster>> steps = new HashMap<>();
        for (Upcaster step : upcasters) {
            if (steps.computeIfAbsent(step.payloadType(), type -> new HashMap<>())
                    .putIfAbsent(step.fromRevision(), step) != null) {
                throw new IllegalArgumentException("two upcasters from " + step.payloadType() + " revision "
                        + step.fromRevision());
            }
        }
        return steps;
    }
}
