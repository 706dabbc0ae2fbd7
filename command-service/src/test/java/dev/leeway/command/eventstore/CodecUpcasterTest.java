package dev.leeway.command.eventstore;

import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.codec.EventCodec;
import dev.leeway.kernel.codec.UnknownEventException;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Axon's event store reads older revisions through the kernel codec's upcasters (the fixtures of every revision
 * are tested in the kernel's EventCodecTest): what an aggregate is handed equals what the codec decodes.
 */
class CodecUpcasterTest {

    private static final String CASE = "\"caseId\":\"5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11\"";
    private static final String BEND = CASE + ",\"exceptionId\":\"9d2f4b7a-1c3e-4f5a-8b6c-7d8e9f0a1b2c\","
            + "\"policyCode\":\"RETURN-WINDOW\",\"policyVersion\":2,\"deviation\":{\"amount\":3,\"unit\":\"DAYS\"},"
            + "\"valueGiven\":{\"amount\":25.00,\"currency\":\"EUR\"},\"reasonCode\":\"LATE\",\"justification\":\"Late twice\"";

    private final Serializer serializer = new EventStoreConfiguration().serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new CodecUpcaster());

    static Stream<Arguments> olderRevisions() throws IOException {
        return Stream.of(
                arguments(CaseOpened.class, "1", fixture("/events/CaseOpened-1.json")),
                arguments(CaseOpened.class, "2", """
                        {%s,"customerId":"CUST-1","channel":"WEB","subject":"Late","description":null,
                         "failure":{"severity":"MINOR","cause":"COMPANY"}}""".formatted(CASE)),
                arguments(InteractionLogged.class, "1", """
                        {%s,"channel":"EMAIL","direction":"IN","summary":"Call me"}""".formatted(CASE)),
                arguments(ExceptionRequested.class, "1", """
                        {%s,"requestedBy":"alice","approverRole":"SUPERVISOR"}""".formatted(BEND)),
                arguments(ExceptionGranted.class, "1", """
                        {%s,"authority":"OWN_LIMIT","requestedBy":"alice","grantedBy":"alice"}""".formatted(BEND)),
                arguments(ExceptionDeclined.class, "1", """
                        {%s,"exceptionId":"9d2f4b7a-1c3e-4f5a-8b6c-7d8e9f0a1b2c","declinedBy":"sam","note":"No"}"""
                        .formatted(CASE)),
                arguments(CaseResolved.class, "1", """
                        {%s,"outcome":"SOLVED","summary":"Refunded"}""".formatted(CASE)),
                arguments(SatisfactionRecorded.class, "1", """
                        {%s,"score":5,"comment":"Kind","resolution":1,"attributedTo":["alice"]}""".formatted(CASE)),
                arguments(CaseReopened.class, "1", """
                        {%s,"reason":"Again"}""".formatted(CASE)));
    }

    @ParameterizedTest(name = "{0} revision {1}")
    @MethodSource("olderRevisions")
    void anOlderRevisionReachesTheAggregateAsTheCodecDecodesIt(Class<?> type, String revision, String stored) {
        IntermediateEventRepresentation upcast = upcast(type.getName(), revision, stored);

        assertThat(upcast.getType()).isEqualTo(
                new SimpleSerializedType(type.getName(), EventCodec.standard().currentRevision(type)));
        Object readByAxon = deserialize(upcast);
        assertThat(readByAxon).isEqualTo(EventCodec.standard().decode(type.getName(), revision, stored));
    }

    @Test
    void revisionOneOfCaseOpenedIsReadWithoutAFailureContextAndWithLegacyText() throws IOException {
        CaseOpened event = deserialize(upcast(CaseOpened.class.getName(), "1", fixture("/events/CaseOpened-1.json")));

        assertThat(event.subject()).isEqualTo(PersonalText.legacy("Late delivery"));
        assertThat(event.description()).isEqualTo(PersonalText.legacy("Parcel arrived after the party"));
        assertThat(event.channel()).isEqualTo(Channel.PHONE);
        assertThat(event.failure()).isNull();
    }

    @Test
    void theCurrentRevisionAndTypesTheKernelDoesNotKnowAreLeftToAxon() {
        CodecUpcaster upcaster = new CodecUpcaster();

        assertThat(upcaster.canUpcast(initial(CaseOpened.class.getName(), "4", "{}"))).isFalse();
        assertThat(upcaster.canUpcast(initial("dev.leeway.command.cases.Case", "1", "{}"))).isFalse();
        assertThat(upcaster.canUpcast(initial(CaseOpened.class.getName(), "1", "{}"))).isTrue();
    }

    @Test
    void aRevisionNewerThanTheKernelKnowsIsRefusedNotReadLeniently() {
        IntermediateEventRepresentation upcast = upcast(CaseOpened.class.getName(), "5", "{}");

        assertThatThrownBy(() -> upcast.getData(String.class).getData())
                .isInstanceOf(UnknownEventException.class).hasMessageContaining("revision '5'");
    }

    private IntermediateEventRepresentation upcast(String type, String revision, String payload) {
        return chain.upcast(Stream.of(initial(type, revision, payload))).toList().get(0);
    }

    private InitialEventRepresentation initial(String type, String revision, String payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Case",
                "5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11", 0, "event-1", "2026-01-05T10:00:00Z", type, revision, payload,
                "{}"), serializer);
    }

    private <T> T deserialize(IntermediateEventRepresentation upcast) {
        SerializedType type = upcast.getType();
        return serializer.deserialize(new SimpleSerializedObject<>(upcast.getData(String.class).getData(),
                String.class, type));
    }

    private static String fixture(String path) throws IOException {
        return new String(CodecUpcasterTest.class.getResourceAsStream(path).readAllBytes(), StandardCharsets.UTF_8);
    }
}
