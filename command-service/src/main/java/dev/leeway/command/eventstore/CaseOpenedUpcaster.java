package dev.leeway.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.kernel.cases.CaseOpened;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CaseOpened revision 1 to 2: revision 2 added the optional failure context, which revision-1 cases never had.
 * Stored events are never rewritten; they are read as revision 2 with {@code failure} null.
 */
@Component
@Order(1)
class CaseOpenedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CaseOpened.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CaseOpened.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).putNull("failure");
            return payload;
        });
    }
}
