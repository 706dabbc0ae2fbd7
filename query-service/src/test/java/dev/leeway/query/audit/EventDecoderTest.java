package dev.leeway.query.audit;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.query.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit fold reads stored events through the one codec, and refuses (never skips) what it cannot read. */
class EventDecoderTest {

    private static final String CASE = "5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11";

    private final EventDecoder decoder = new EventDecoder();

    @Test
    void anOlderRevisionIsReadAsTodaysRecord() {
        Object event = decoder.decode(stored(CaseResolved.class.getName(), "1", """
                {"caseId":"%s","outcome":"SOLVED","summary":"Refunded"}""".formatted(CASE)));

        assertThat(event).isInstanceOfSatisfying(CaseResolved.class, resolved -> {
            assertThat(resolved.outcome()).isEqualTo(Outcome.SOLVED);
            assertThat(resolved.summary()).isEqualTo(PersonalText.legacy("Refunded"));
        });
    }

    @ParameterizedTest(name = "{0} revision {1}")
    @CsvSource(delimiter = '|', value = {
            "dev.leeway.kernel.cases.CaseClosed | 1 | {}",
            "dev.leeway.kernel.cases.CaseOpened | 4 | {}",
            "dev.leeway.kernel.cases.CaseOpened | 3 | {\"caseId\":\"not a case id\"}"})
    void anEventThisVersionCannotReadIsAProblemNamingItNotASkip(String type, String revision, String payload) {
        assertThatThrownBy(() -> decoder.decode(stored(type, revision, payload)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.code()).isEqualTo(ErrorCode.UNREADABLE_EVENT);
                    assertThat(problem.code().httpStatus()).isEqualTo(422);
                    assertThat(problem.getMessage()).contains("position 42", "sequence 7 of " + CASE, type,
                            "revision '" + revision + "'");
                });
    }

    @Test
    void theProblemDoesNotQuoteTheStoredText() {
        String secret = "Zoe Smith, 12 Baker Street";
        StoredEvent event = stored(CaseOpened.class.getName(), "3",
                "{\"caseId\":\"%s\",\"customerId\":\"C-1\",\"channel\":\"PHONE\",\"subject\":\"x\"}".formatted(secret));

        assertThatThrownBy(() -> decoder.decode(event)).hasMessageNotContaining(secret);
    }

    private static StoredEvent stored(String type, String revision, String payload) {
        return new StoredEvent(42, "event-1", CASE, 7, "Case", type, revision, "2026-01-05T10:00:00Z", payload, "{}");
    }
}
