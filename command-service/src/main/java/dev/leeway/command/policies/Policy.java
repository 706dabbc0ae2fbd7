package dev.leeway.command.policies;

import dev.leeway.command.messaging.Fact;
import dev.leeway.command.privacy.TextSealer;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.RuleChangeProposed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static dev.leeway.command.CommandRejectedException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One rule of the rulebook and its versions. Handlers return the policy's version after the command. */
@Aggregate(cache = "aggregateCache")
public class Policy {

    @AggregateIdentifier
    private PolicyCode policyCode;
    private int version;
    private PolicyTerms terms;
    private boolean retired;

    protected Policy() {
        // Created empty by Axon for CREATE_IF_MISSING, and to replay events.
    }

    /** Defines the policy at version 1, or revises it; a PUT of unchanged terms changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(PutPolicyCommand command) {
        if (version == 0) {
            apply(new PolicyDefined(command.policyCode(), 1, command.terms()));
            return version;
        }
        require(!retired, ErrorCode.POLICY_RETIRED, "Policy " + policyCode + " is retired.");
        List<String> changed = TermsChanges.between(terms, command.terms());
        if (!changed.isEmpty()) {
            apply(new PolicyRevised(policyCode, version + 1, command.terms(), changed, command.proposalId(),
                    command.motivatingExceptionIds()));
        }
        return version;
    }

    @CommandHandler
    int handle(RetirePolicyCommand command) {
        require(!retired, ErrorCode.POLICY_RETIRED, "Policy " + policyCode + " is already retired.");
        apply(new PolicyRetired(policyCode, version, command.reason()));
        return version;
    }

    @CommandHandler
    int handle(ProposeRuleChangeCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId,
               @Fact TextSealer sealer) {
        require(!retired, ErrorCode.POLICY_RETIRED, "Policy " + policyCode + " is retired.");
        apply(new RuleChangeProposed(policyCode, command.proposalId(), sealer.seal(command.proposal()),
                command.citedExceptionIds(), actorId));
        return version;
    }

    @EventSourcingHandler
    void on(PolicyDefined event) {
        policyCode = event.policyCode();
        version = event.version();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(PolicyRevised event) {
        version = event.version();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(PolicyRetired event) {
        retired = true;
    }
}
