package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EraseCustomerDataCommand(@TargetAggregateIdentifier CustomerId customerId) {
}
