package dev.leeway.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.kernel.codec.EventCodec;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Axon's event store reads older revisions through the kernel's {@link EventCodec}, so that the aggregates see an
 * old event exactly as projections, the audit API and the offline verifier do. Every step lives in the kernel;
 * this only brings a known type's stored JSON to its current revision, in one go.
 * <p>
 * A revision of a known type that the kernel cannot upcast (one written by a newer version) throws
 * {@link dev.leeway.kernel.codec.UnknownEventException} rather than being read leniently: an aggregate folded
 * from a misread event would decide wrongly. Types the kernel does not know are left to Axon.
 */
@Component
class CodecUpcaster extends SingleEventUpcaster {

    private final EventCodec codec = EventCodec.standard();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return codec.knows(type.getName()) && !codec.currentRevision(type.getName()).equals(type.getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType stored = representation.getType();
        SerializedType current = new SimpleSerializedType(stored.getName(), codec.currentRevision(stored.getName()));
        return representation.upcastPayload(current, JsonNode.class,
                payload -> codec.upcast(stored.getName(), stored.getRevision(), payload));
    }
}
