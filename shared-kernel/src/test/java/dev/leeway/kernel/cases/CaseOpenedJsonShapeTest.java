package dev.leeway.kernel.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events are a database schema: revision 1 of {@link CaseOpened} must keep reading the JSON it was first
 * stored as, and keep writing that same shape. Changing the shape needs a new revision and an upcaster.
 */
class CaseOpenedJsonShapeTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void revisionOneReadsItsStoredJson() throws IOException {
        CaseOpened event = mapper.readValue(fixture(), CaseOpened.class);

        assertThat(event).isEqualTo(new CaseOpened(
                new CaseId(UUID.fromString("5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11")),
                new CustomerId("CUST-1042"),
                Channel.PHONE,
                "Late delivery",
                "Parcel arrived after the party"));
    }

    @Test
    void revisionOneWritesTheSameShape() throws IOException {
        CaseOpened event = mapper.readValue(fixture(), CaseOpened.class);

        JsonNode written = mapper.valueToTree(event);

        assertThat(written).isEqualTo(mapper.readTree(fixture()));
    }

    @Test
    void caseOpenedIsAtRevisionOne() {
        assertThat(CaseOpened.class.getAnnotation(Revision.class).value()).isEqualTo("1");
    }

    private static InputStream fixture() {
        return CaseOpenedJsonShapeTest.class.getResourceAsStream("/events/CaseOpened-1.json");
    }
}
