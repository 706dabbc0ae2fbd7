package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's right to be forgotten. Erasing destroys their keys in the same transaction as the event that
 * records it; erasing again finds no key left to destroy and records nothing new.
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
    int handle(EraseCustomerDataCommand command, PersonalDataVault vault) {
        int destroyed = vault.destroyKeys(command.customerId());
        if (destroyed > 0 || customerId == null) {
            apply(new CustomerDataErased(command.customerId(), destroyed));
        }
        return destroyed;
    }

    @EventSourcingHandler
    void on(CustomerDataErased event) {
        customerId = event.customerId();
    }
}
