package dev.leeway.command.eventstore;

import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.kernel.codec.EventLimitsExceededException;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitCheckingSerializerTest {

    private final Serializer serializer = new LimitCheckingSerializer(JacksonSerializer.builder()
            .objectMapper(EventJson.storedEventMapper()).revisionResolver(new AnnotationRevisionResolver()).build());

    @Test
    void anEventWithANumberWrittenOutInFullIsNeverWritten() {
        ExceptionGranted poisoned = granted(new BigDecimal("1e100000"));

        assertThatThrownBy(() -> serializer.serialize(poisoned, String.class))
                .isInstanceOf(EventLimitsExceededException.class)
                .hasMessageContaining(ExceptionGranted.class.getName());
    }

    @Test
    void anOrdinaryEventIsWrittenAndReadsBackEqual() {
        ExceptionGranted event = granted(new BigDecimal("3.5"));

        SerializedObject<String> written = serializer.serialize(event, String.class);

        assertThat((Object) serializer.deserialize(written)).isEqualTo(event);
    }

    private static ExceptionGranted granted(BigDecimal deviation) {
        return new ExceptionGranted(new CaseId(UUID.randomUUID()), new ExceptionId(UUID.randomUUID()),
                new PolicyCode("LATE-RETURN"), 1, new Deviation(deviation, DeviationUnit.DAYS), Money.of("10", "EUR"),
                "LATE", PersonalText.legacy("why"), Authority.OWN_LIMIT, "alice", "alice");
    }
}
