package dev.leeway.command.cases;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.messaging.CommandFacts;
import dev.leeway.command.policies.PolicyLookup;
import dev.leeway.command.policies.Rulebook;
import dev.leeway.command.privacy.CustomerKeys;
import dev.leeway.command.privacy.TextSealer;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.messaging.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.YearMonth;

/**
 * Looks up, in the command's transaction and before {@link Case} sees the command, what its handler decides with:
 * the customer's key for free text, the policy in force, and for a bend the requester's budget used this month
 * (row-locked). After the handler, what it reserved of that budget is added to the row, in the same transaction.
 * The aggregate itself does no I/O.
 */
@Component
class CaseCommandFacts implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CustomerKeys keys;
    private final Rulebook rulebook;
    private final OwnAuthorityUsage usage;
    private final Clock clock;
    private final BudgetMetrics metrics;

    CaseCommandFacts(CustomerKeys keys, Rulebook rulebook, OwnAuthorityUsage usage, Clock clock,
                     BudgetMetrics metrics) {
        this.keys = keys;
        this.rulebook = rulebook;
        this.usage = usage;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> message = unitOfWork.getMessage();
        Object command = message.getPayload();
        if (command instanceof OpenCaseCommand open) {
            CommandFacts.put(unitOfWork, TextSealer.class, keys.forCustomer(open.customerId()));
        } else if (command instanceof WithPersonalText withText) {
            CommandFacts.put(unitOfWork, TextSealer.class, keys.forCase(withText.caseId()).orElseThrow(() ->
                    new CommandRejectedException(ErrorCode.CASE_NOT_FOUND, "Not found: " + withText.caseId() + ".")));
        }
        if (command instanceof DecideExceptionCommand) {
            CommandFacts.put(unitOfWork, PolicyLookup.class, rulebook.snapshot());
        }
        if (command instanceof BendPolicyCommand bend) {
            return bend(unitOfWork, chain, bend, (String) message.getMetaData().get(MetadataKeys.ACTOR_ID),
                    (String) message.getMetaData().get(MetadataKeys.OCCURRED_AT));
        }
        return chain.proceed();
    }

    private Object bend(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain,
                        BendPolicyCommand bend, String actorId, String occurredAt) throws Exception {
        YearMonth month = BendRules.budgetMonth(occurredAt, clock);
        LockedBudget budget = usage.lock(actorId, bend.policyCode(), month, bend.valueGiven().currency());
        CommandFacts.put(unitOfWork, BendFacts.class,
                new BendFacts(rulebook.extract(bend.policyCode()), month, budget));
        Object result = chain.proceed();
        if (budget.reserved().signum() > 0) {
            usage.add(actorId, bend.policyCode(), month, bend.valueGiven().currency(), budget.reserved());
        }
        unitOfWork.afterCommit(committed -> metrics.counted(bend.policyCode(), bend.valueGiven().currency(),
                budget.reserved(), budget.exhausted()));
        return result;
    }
}
