package dev.leeway.kernel.cases;

import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A customer's problem was taken on. Who opened it and when are message metadata, not payload.
 * <p>
 * {@code subject} and {@code description} are free text a customer may have filled with personal data.
 * Revision 2 added {@code failure} (absent in revision 1, upcast to null).
 */
@Revision("2")
public record CaseOpened(CaseId caseId,
                         CustomerId customerId,
                         Channel channel,
                         String subject,
                         String description,
                         FailureContext failure) {

    public CaseOpened {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(subject, "subject");
    }
}
