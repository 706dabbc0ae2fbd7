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
 * Stored events are a database schema: each revision of {@link CaseOpened} keeps the JSON shape it was stored
 * with. Revision 2 added the failure context; revision-1 JSON is upcast on the command side (see
 * CaseOpenedUpcasterTest) and still reads here with the context absent.
 */
class CaseOpenedJsonShapeTest {

    private static final CaseId CASE_ID = new CaseId(UUID.fromString("5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11"));

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void revisionTwoReadsItsStoredJson() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-2.json"), CaseOpened.class);

        assertThat(event).isEqualTo(new CaseOpened(CASE_ID, new CustomerId("CUST-1042"), Channel.PHONE,
                "Late delivery", "Parcel arrived after the party",
                new FailureContext(Severity.MAJOR, FailureCause.THIRD_PARTY)));
    }

    @Test
    void revisionTwoWritesTheSameShape() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-2.json"), CaseOpened.class);

        JsonNode written = mapper.valueToTree(event);

        assertThat(written).isEqualTo(mapper.readTree(fixture("/events/CaseOpened-2.json")));
    }

    @Test
    void revisionOneJsonStillReadsWithoutAFailureContext() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-1.json"), CaseOpened.class);

        assertThat(event.subject()).isEqualTo("Late delivery");
        assertThat(event.failure()).isNull();
    }

    @Test
    void caseOpenedIsAtRevisionTwo() {
        assertThat(CaseOpened.class.getAnnotation(Revision.class).value()).isEqualTo("2");
    }

    private static InputStream fixture(String path) {
        return CaseOpenedJsonShapeTest.class.getResourceAsStream(path);
    }
}
