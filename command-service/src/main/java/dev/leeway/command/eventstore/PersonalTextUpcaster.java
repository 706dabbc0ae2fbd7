package dev.leeway.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The revisions that sealed personal text: where an older revision stored a bare string, the new one holds a
 * PersonalText object. Stored events are never rewritten, so such text stays in the clear and is read as legacy
 * plain text ({@code {"plain": "..."}}); only text stored since can be forgotten by erasure.
 */
@Component
@Order(2)
class PersonalTextUpcaster extends SingleEventUpcaster {

    private record Step(String fromRevision, String toRevision, List<String> fields) {
    }

    private static final Map<String, Step> STEPS = Map.of(
            CaseOpened.class.getName(), new Step("2", "3", List.of("subject", "description")),
            InteractionLogged.class.getName(), new Step("1", "2", List.of("summary")),
            ExceptionRequested.class.getName(), new Step("1", "2", List.of("justification")),
            ExceptionGranted.class.getName(), new Step("1", "2", List.of("justification")),
            ExceptionDeclined.class.getName(), new Step("1", "2", List.of("note")),
            CaseResolved.class.getName(), new Step("1", "2", List.of("summary")),
            SatisfactionRecorded.class.getName(), new Step("1", "2", List.of("comment")),
            CaseReopened.class.getName(), new Step("1", "2", List.of("reason")));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        Step step = STEPS.get(representation.getType().getName());
        return step != null && step.fromRevision().equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        Step step = STEPS.get(type);
        return representation.upcastPayload(new SimpleSerializedType(type, step.toRevision()), JsonNode.class,
                payload -> {
                    ObjectNode event = (ObjectNode) payload;
                    for (String field : step.fields()) {
                        JsonNode text = event.get(field);
                        if (text != null && text.isTextual()) {
                            event.putObject(field).put("plain", text.asText());
                        }
                    }
                    return event;
                });
    }
}
