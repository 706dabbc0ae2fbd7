package dev.leeway.kernel.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A customer's problem was taken on. Who opened it and when are message metadata, not payload.
 * <p>
 * {@code subject} and {@code description} are free text that may hold personal data: sealed per customer.
 * Revision 2 added {@code failure} (absent in revision 1, upcast to null); revision 3 seals subject and
 * description with the customer's key (older revisions' plain strings are upcast to legacy {@link PersonalText});
 * revision 4 added the customer's {@code segment} (older cases read as {@link CustomerSegment#UNKNOWN}).
 */
@Revision("4")
public record CaseOpened(CaseId caseId,
                         CustomerId customerId,
                         Channel channel,
                         PersonalText subject,
                         PersonalText description,
                         FailureContext failure,
                         CustomerSegment segment) {

    @JsonCreator
    public CaseOpened {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(subject, "subject");
        segment = segment == null ? CustomerSegment.UNKNOWN : segment;
    }

    /** A case for a customer whose segment nobody gave. */
    public CaseOpened(CaseId caseId, CustomerId customerId, Channel channel, PersonalText subject,
                      PersonalText description, FailureContext failure) {
        this(caseId, customerId, channel, subject, description, failure, CustomerSegment.UNKNOWN);
    }
}
