package dev.leeway.kernel.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events are a database schema: each revision of {@link CaseOpened} keeps the JSON shape it was stored
 * with. Revision 2 added the failure context, revision 3 sealed the free text. Older JSON is upcast by the
 * kernel's EventCodec (see EventCodecTest) and still reads here: absent context, plain text as legacy text.
 */
class CaseOpenedJsonShapeTest {

    private static final CaseId CASE_ID = new CaseId(UUID.fromString("5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11"));

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void revisionFourReadsItsStoredJson() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-4.json"), CaseOpened.class);

        assertThat(event).isEqualTo(new CaseOpened(CASE_ID, new CustomerId("CUST-1042"), Channel.PHONE,
                PersonalText.sealed("3f0c6f1e-0000-4000-8000-00000000k001", "bm9uY2UtYW5kLWNpcGhlcnRleHQ="), null,
                new FailureContext(Severity.MAJOR, FailureCause.THIRD_PARTY), new CustomerSegment("LOYAL")));
    }

    @Test
    void revisionFourWritesTheSameShape() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-4.json"), CaseOpened.class);

        JsonNode written = mapper.valueToTree(event);

        assertThat(written).isEqualTo(mapper.readTree(fixture("/events/CaseOpened-4.json")));
    }

    @Test
    void revisionThreeJsonReadsAsACaseOfUnknownSegment() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-3.json"), CaseOpened.class);

        assertThat(event.segment()).isEqualTo(CustomerSegment.UNKNOWN);
    }

    @Test
    void revisionTwoJsonStillReadsWithItsTextAsLegacyPlainText() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-2.json"), CaseOpened.class);

        assertThat(event.subject()).isEqualTo(PersonalText.legacy("Late delivery"));
        assertThat(event.failure()).isEqualTo(new FailureContext(Severity.MAJOR, FailureCause.THIRD_PARTY));
    }

    @Test
    void revisionOneJsonStillReadsWithoutAFailureContext() throws IOException {
        CaseOpened event = mapper.readValue(fixture("/events/CaseOpened-1.json"), CaseOpened.class);

        assertThat(event.subject()).isEqualTo(PersonalText.legacy("Late delivery"));
        assertThat(event.failure()).isNull();
    }

    @Test
    void caseOpenedIsAtRevisionFour() {
        assertThat(CaseOpened.class.getAnnotation(Revision.class).value()).isEqualTo("4");
    }

    private static InputStream fixture(String path) {
        return CaseOpenedJsonShapeTest.class.getResourceAsStream(path);
    }
}
