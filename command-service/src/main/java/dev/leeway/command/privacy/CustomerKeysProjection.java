package dev.leeway.command.privacy;

import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.customers.CustomerDataErased;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What {@link CustomerKeys} needs, kept from the events inside the command's own unit of work (a subscribing
 * processor, see application.yml): which customer a case belongs to, and the keys an erasure destroyed. Both commit
 * or roll back with the event; both follow from the events alone.
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

    @EventHandler
    void on(CustomerDataErased event) {
        keys.destroyKeys(event.customerId());
    }
}
