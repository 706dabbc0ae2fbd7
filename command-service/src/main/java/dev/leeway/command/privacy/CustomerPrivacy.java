package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.command.messaging.Fact;
import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's right to be forgotten. The erasure is decided from the customer's live keys, counted before the
 * command arrives ({@link PrivacyCommandFacts}); {@link CustomerKeysProjection} lists them as erased in the same
 * transaction as the event that records it, and they are destroyed in the key vault once it commits. Erasing
 * again finds no key left to destroy and records nothing new.
 */
@Aggregate
public class CustomerPrivacy {

    @AggregateIdentifier
    private CustomerId customerId;

    protected CustomerPrivacy() {
        // Created empty for CREATE_IF_MISSING, and to replay events.
    }

    /** Answers how many keys this erasure destroyed. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(EraseCustomerDataCommand command, @Fact LiveKeys liveKeys) {
        if (liveKeys.count() > 0 || customerId == null) {
            apply(new CustomerDataErased(command.customerId(), liveKeys.count()));
        }
        return liveKeys.count();
    }

    @EventSourcingHandler
    void on(CustomerDataErased event) {
        customerId = event.customerId();
    }
}
