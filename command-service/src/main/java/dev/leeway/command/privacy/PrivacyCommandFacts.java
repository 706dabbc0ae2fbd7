package dev.leeway.command.privacy;

import dev.leeway.command.messaging.CommandFacts;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/** Before an erasure reaches {@link CustomerPrivacy}: the customer's live keys, counted. */
@Component
class PrivacyCommandFacts implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CustomerKeys keys;

    PrivacyCommandFacts(CustomerKeys keys) {
        this.keys = keys;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof EraseCustomerDataCommand erase) {
            CommandFacts.put(unitOfWork, LiveKeys.class, keys.liveKeys(erase.customerId()));
        }
        return chain.proceed();
    }
}
