package dev.leeway.command.eventstore;

import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.InteractionLogged;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Older revisions as once stored (JSON fixtures) read as today's: CaseOpened 1 gains an absent failure context
 * (revision 2), and its plain text becomes legacy personal text (revision 3).
 */
class CaseOpenedUpcasterTest {

    private final Serializer serializer = new EventStoreConfiguration().serializer();

    private final EventUpcasterChain chain = new EventUpcasterChain(new CaseOpenedUpcaster(), new PersonalTextUpcaster());

    @Test
    void revisionOneIsReadAsRevisionThreeWithoutAFailureContextAndWithLegacyText() throws IOException {
        String stored = new String(getClass().getResourceAsStream("/events/CaseOpened-1.json").readAllBytes(),
                StandardCharsets.UTF_8);
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Case",
                "5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11", 0, "event-1", "2026-01-05T10:00:00Z",
                CaseOpened.class.getName(), "1", stored, "{}");

        List<IntermediateEventRepresentation> upcast =
                chain.upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        SerializedType type = upcast.get(0).getType();
        assertThat(type).isEqualTo(new SimpleSerializedType(CaseOpened.class.getName(), "3"));
        CaseOpened event = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.get(0).getData(String.class).getData(), String.class, type));
        assertThat(event.subject()).isEqualTo(PersonalText.legacy("Late delivery"));
        assertThat(event.description()).isEqualTo(PersonalText.legacy("Parcel arrived after the party"));
        assertThat(event.channel()).isEqualTo(Channel.PHONE);
        assertThat(event.failure()).isNull();
    }

    @Test
    void anInteractionsPlainSummaryBecomesLegacyPersonalText() {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Case", "id", 1, "event-3",
                "2026-01-05T10:00:00Z", InteractionLogged.class.getName(), "1", """
                {"caseId":"5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11","channel":"EMAIL","direction":"IN","summary":"Call me"}""",
                "{}");

        IntermediateEventRepresentation upcast =
                chain.upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList().get(0);

        InteractionLogged event = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.getData(String.class).getData(), String.class, upcast.getType()));
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(event.summary()).isEqualTo(PersonalText.legacy("Call me"));
    }

    @Test
    void theCurrentRevisionIsLeftAlone() {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Case", "id", 0, "event-2",
                "2026-01-05T10:00:00Z", CaseOpened.class.getName(), "3", "{}", "{}");

        assertThat(new CaseOpenedUpcaster().canUpcast(new InitialEventRepresentation(entry, serializer))).isFalse();
        assertThat(new PersonalTextUpcaster().canUpcast(new InitialEventRepresentation(entry, serializer))).isFalse();
    }
}
