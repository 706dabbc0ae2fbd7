package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer problem. Any channel is accepted: the channel is recorded, never policed.
 */
@Aggregate
public class Case {

    @AggregateIdentifier
    private CaseId caseId;
    private CaseStatus status;

    protected Case() {
        // Axon rebuilds the case from its events through this constructor.
    }

    @CommandHandler
    public Case(OpenCaseCommand command) {
        apply(new CaseOpened(command.caseId(), command.customerId(), command.channel(),
                command.subject(), command.description()));
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        this.caseId = event.caseId();
        this.status = CaseStatus.OPEN;
    }
}
