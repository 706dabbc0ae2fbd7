package dev.leeway.command.privacy;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.customers.CustomerDataErased;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What {@link CustomerKeys} needs, kept from the events inside the command's own unit of work (a subscribing
 * processor, see application.yml): which customer a case belongs to, which case a bend belongs to, and the keys an
 * erasure destroyed. All commit or roll back with the event.
 */
@Component
@ProcessingGroup(CustomerKeysProjection.PROCESSING_GROUP)
class CustomerKeysProjection {

    static final String PROCESSING_GROUP = "customer-keys";

    /** A failure here must fail the command (and store nothing), not be logged and skipped as by default. */
    @Configuration(proxyBeanMethods = false)
    static class FailTheCommand {
        @Bean
        ConfigurerModule customerKeysFailTheCommand() {
            return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                    PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        }
    }

    private final JdbcTemplate jdbc;
    private final CustomerKeys keys;

    CustomerKeysProjection(JdbcTemplate jdbc, CustomerKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** A duplicate open loses on the event's own sequence; its row must not fail first with another error. */
    @EventHandler
    void on(CaseOpened event) {
        jdbc.update("INSERT INTO event_store.case_customer (case_id, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.caseId().toString(), event.customerId().value());
    }

    /** A bend's case, for proposals that cite it; requested first, or granted at once on own authority. */
    @EventHandler
    void on(ExceptionRequested event) {
        bendOf(event.exceptionId(), event.caseId());
    }

    @EventHandler
    void on(ExceptionGranted event) {
        bendOf(event.exceptionId(), event.caseId());
    }

    private void bendOf(ExceptionId exceptionId, CaseId caseId) {
        jdbc.update("INSERT INTO event_store.exception_case (exception_id, case_id) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", exceptionId.toString(), caseId.toString());
    }

    /** The keys go from the vault once the erasure commits; a rolled-back erasure destroys nothing. */
    @EventHandler
    void on(CustomerDataErased event) {
        keys.eraseKeys(event.customerId(), destroy -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(committed -> destroy.run());
            } else {
                destroy.run();
            }
        });
    }
}
