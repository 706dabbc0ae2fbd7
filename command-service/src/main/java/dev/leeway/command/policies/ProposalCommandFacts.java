package dev.leeway.command.policies;

import dev.leeway.command.messaging.CommandFacts;
import dev.leeway.command.privacy.CustomerKeys;
import dev.leeway.command.privacy.TextSealer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Before a proposal reaches its {@link Policy}: a sealer with a key of the proposal's own, which the erasure of any
 * customer whose bend it cites destroys ({@link CustomerKeys#forCitedBends}).
 */
@Component
class ProposalCommandFacts implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CustomerKeys keys;

    ProposalCommandFacts(CustomerKeys keys) {
        this.keys = keys;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ProposeRuleChangeCommand propose) {
            CommandFacts.put(unitOfWork, TextSealer.class, keys.forCitedBends(propose.citedExceptionIds()));
        }
        return chain.proceed();
    }
}
