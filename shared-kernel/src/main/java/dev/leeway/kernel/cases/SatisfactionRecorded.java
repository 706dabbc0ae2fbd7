package dev.leeway.kernel.cases;

import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The customer's answer to the survey after resolution number {@code resolution} (1 for the first, 2 after a
 * reopening, ...). {@code attributedTo} are the people who acted on the case, from its own timeline, not
 * whoever happened to be assigned last. {@code comment} is free text that may hold personal data.
 */
@Revision("2")
public record SatisfactionRecorded(CaseId caseId, int score, PersonalText comment, int resolution,
                                   List<String> attributedTo) {

    public SatisfactionRecorded {
        attributedTo = attributedTo == null ? List.of() : List.copyOf(attributedTo);
    }
}
