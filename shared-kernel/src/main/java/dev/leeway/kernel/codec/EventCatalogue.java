package dev.leeway.kernel.codec;

import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.RuleChangeProposed;

import java.util.List;

/**
 * Every event type Leeway stores, listed by hand: a type name read from a row or a header is only ever looked up
 * here, never loaded by name. A test keeps this list equal to the {@code @Revision} classes of the kernel.
 */
final class EventCatalogue {

    static final List<Class<?>> EVENTS = List.of(
            CaseOpened.class,
            InteractionLogged.class,
            CaseAssigned.class,
            ExceptionRequested.class,
            ExceptionGranted.class,
            ExceptionDeclined.class,
            ExceptionReviewed.class,
            CaseResolved.class,
            SatisfactionRecorded.class,
            CaseReopened.class,
            PolicyDefined.class,
            PolicyRevised.class,
            RuleChangeProposed.class,
            PolicyRetired.class,
            CustomerDataErased.class);

    private EventCatalogue() {
    }
}
