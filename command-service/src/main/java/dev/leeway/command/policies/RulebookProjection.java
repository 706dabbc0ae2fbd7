package dev.leeway.command.policies;

import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link Rulebook}'s table in step with the policy events. A subscribing processor: it runs inside the
 * command's unit of work, so the row and the event commit or roll back together (see application.yml).
 */
@Component
@ProcessingGroup(RulebookProjection.PROCESSING_GROUP)
class RulebookProjection {

    /** A failure here must fail the command (and store nothing), not be logged and skipped as by default. */
    @Configuration(proxyBeanMethods = false)
    static class FailTheCommand {
        @Bean
        ConfigurerModule rulebookFailsTheCommand() {
            return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                    PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        }
    }

    static final String PROCESSING_GROUP = "rulebook";

    private final Rulebook rulebook;

    RulebookProjection(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    @EventHandler
    void on(PolicyDefined event) {
        rulebook.put(event.policyCode(), event.version(), event.terms());
    }

    @EventHandler
    void on(PolicyRevised event) {
        rulebook.put(event.policyCode(), event.version(), event.terms());
    }

    @EventHandler
    void on(PolicyRetired event) {
        rulebook.retire(event.policyCode());
    }
}
