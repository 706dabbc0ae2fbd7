package dev.leeway.command.messaging;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

/**
 * Hands facts from the interceptors that resolve them to the handler parameters marked {@link Fact}: each fact is a
 * resource of the command's unit of work, under its type. Axon finds this factory as a Spring bean.
 */
@Component
public class CommandFacts implements ParameterResolverFactory {

    /** Makes {@code fact} the value of every {@code @Fact T} parameter of the handler this unit of work calls. */
    public static <T> void put(UnitOfWork<?> unitOfWork, Class<T> type, T fact) {
        unitOfWork.resources().put(key(type), fact);
    }

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
        Parameter parameter = parameters[index];
        if (!parameter.isAnnotationPresent(Fact.class)) {
            return null;
        }
        Class<?> type = parameter.getType();
        return new ParameterResolver<Object>() {
            @Override
            public Object resolveParameterValue(Message<?> message) {
                Object fact = CurrentUnitOfWork.get().getResource(key(type));
                if (fact == null) {
                    throw new IllegalStateException("No " + type.getSimpleName() + " was resolved for "
                            + message.getPayloadType().getSimpleName() + " before its handler ran.");
                }
                return fact;
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }

    private static String key(Class<?> type) {
        return CommandFacts.class.getName() + ":" + type.getName();
    }
}
