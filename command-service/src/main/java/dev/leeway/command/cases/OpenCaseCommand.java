package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.FailureContext;
import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenCaseCommand(@TargetAggregateIdentifier CaseId caseId,
                              CustomerId customerId,
                              Channel channel,
                              String subject,
                              String description,
                              FailureContext failure,
                              CustomerSegment segment) {
}
