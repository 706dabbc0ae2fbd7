package dev.leeway.kernel.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.policies.RuleChangeProposed;

import java.util.List;

/**
 * Every change ever made to a stored event shape, as upcasters. A new revision adds its step here (and a JSON
 * fixture of the old shape to EventCodecTest); no step is ever removed while events of its revision exist.
 */
final class EventHistory {

    private EventHistory() {
    }

    static List<Upcaster> upcasters() {
        return List.of(
                new Upcaster(CaseOpened.class.getName(), "1", "2", EventHistory::withoutFailureContext),
                sealing(CaseOpened.class, "2", "3", "subject", "description"),
                new Upcaster(CaseOpened.class.getName(), "3", "4", EventHistory::withoutSegment),
                sealing(InteractionLogged.class, "1", "2", "summary"),
                sealing(ExceptionRequested.class, "1", "2", "justification"),
                sealing(ExceptionGranted.class, "1", "2", "justification"),
                sealing(ExceptionDeclined.class, "1", "2", "note"),
                sealing(CaseResolved.class, "1", "2", "summary"),
                sealing(SatisfactionRecorded.class, "1", "2", "comment"),
                sealing(CaseReopened.class, "1", "2", "reason"),
                sealing(ExceptionReviewed.class, "1", "2", "note"),
                sealing(RuleChangeProposed.class, "1", "2", "proposal"));
    }

    /** CaseOpened revision 2 added the failure context, which revision-1 cases never had. */
    private static ObjectNode withoutFailureContext(ObjectNode payload) {
        payload.putNull("failure");
        return payload;
    }

    /** CaseOpened revision 4 added the customer's segment; nobody gave one before. */
    private static ObjectNode withoutSegment(ObjectNode payload) {
        payload.put("segment", CustomerSegment.UNKNOWN.code());
        return payload;
    }

    /**
     * The revisions that sealed personal text: where the older one stored a bare string, the newer holds a
     * PersonalText object. Such text was stored in the clear and stays so, read as legacy plain text
     * ({@code {"plain": "..."}}); only text stored since can be forgotten by erasure.
     */
    private static Upcaster sealing(Class<?> type, String from, String to, String... fields) {
        return new Upcaster(type.getName(), from, to, payload -> {
            for (String field : fields) {
                JsonNode text = payload.get(field);
                if (text != null && text.isTextual()) {
                    payload.putObject(field).put("plain", text.asText());
                }
            }
            return payload;
        });
    }
}
