package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;

/**
 * A command to an existing case that carries free text the customer may have written: its handler gets a
 * {@link dev.leeway.command.privacy.TextSealer} with the case's customer's key ({@link CaseCommandFacts}).
 */
public interface WithPersonalText {

    CaseId caseId();
}
