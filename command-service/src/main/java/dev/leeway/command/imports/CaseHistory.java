package dev.leeway.command.imports;

import dev.leeway.command.security.Actor;
import dev.leeway.kernel.cases.CaseId;

import java.time.Instant;
import java.util.List;

/**
 * One line of an import, checked and turned into the commands the API would have sent, in time order; the first
 * opens the case. Nothing of it has been sent yet.
 */
record CaseHistory(String sourceId, CaseId caseId, List<Step> steps) {

    CaseHistory {
        steps = List.copyOf(steps);
    }

    /**
     * A command as its original actor sent it, at its original time.
     *
     * @param name where it is in the line, for a refusal: {@code opening} or {@code steps[i]}
     */
    record Step(String name, Object command, Actor actor, Instant at) {
    }
}
