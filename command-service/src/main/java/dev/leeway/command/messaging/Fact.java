package dev.leeway.command.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command handler parameter as a fact resolved before the command reached its aggregate (policy terms,
 * budget used, the customer's key): an interceptor looks it up in the command's transaction and puts it with
 * {@link CommandFacts#put}; the handler decides from its own state and its facts, without I/O.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Fact {
}
