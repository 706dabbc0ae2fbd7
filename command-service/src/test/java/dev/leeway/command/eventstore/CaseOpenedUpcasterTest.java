package dev.leeway.command.eventstore;

import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.Channel;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A revision-1 CaseOpened as once stored (JSON fixture) reads as revision 2 with no failure context. */
class CaseOpenedUpcasterTest {

    private final Serializer serializer = new EventStoreConfiguration().serializer();

    @Test
    void revisionOneIsReadAsRevisionTwoWithoutAFailureContext() throws IOException {
        String stored = new String(getClass().getResourceAsStream("/events/CaseOpened-1.json").readAllBytes(),
                StandardCharsets.UTF_8);
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Case",
                "5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11", 0, "event-1", "2026-01-05T10:00:00Z",
                CaseOpened.class.getName(), "1", stored, "{}");

        List<IntermediateEventRepresentation> upcast = new CaseOpenedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        SerializedType type = upcast.get(0).getType();
        assertThat(type).isEqualTo(new SimpleSerializedType(CaseOpened.class.getName(), "2"));
        CaseOpened event = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.get(0).getData(String.class).getData(), String.class, type));
        assertThat(event.subject()).isEqualTo("Late delivery");
        assertThat(event.channel()).isEqualTo(Channel.PHONE);
        assertThat(event.failure()).isNull();
    }

    @Test
    void revisionTwoIsLeftAlone() {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Case", "id", 0, "event-2",
                "2026-01-05T10:00:00Z", CaseOpened.class.getName(), "2", "{}", "{}");

        assertThat(new CaseOpenedUpcaster().canUpcast(new InitialEventRepresentation(entry, serializer))).isFalse();
    }
}
