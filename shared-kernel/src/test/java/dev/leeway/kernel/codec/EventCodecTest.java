package dev.leeway.kernel.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.codec.StoredEventFixtures.Fixture;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.privacy.PersonalText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every revision ever stored (JSON fixtures, {@link StoredEventFixtures}) reads as today's record through the one
 * codec, and whatever it cannot read is an error that names type and revision, never a null or a skip.
 */
class EventCodecTest {

    private static final String CASE_OPENED = CaseOpened.class.getName();
    private static final String GRANTED = ExceptionGranted.class.getName();
    /** What 1e100000 became when an earlier version wrote it out in full. */
    private static final String HUNDRED_THOUSAND_ZEROS = "1" + "0".repeat(100_000);

    private final EventCodec codec = EventCodec.standard();
    private final ObjectMapper stored = EventJson.storedEventMapper();

    static List<Fixture> fixtures() {
        return StoredEventFixtures.all();
    }

    static Stream<Fixture> currentFixtures() {
        return fixtures().stream()
                .filter(fixture -> fixture.revision().equals(EventCodec.standard().currentRevision(fixture.payloadType())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyStoredRevisionDecodesToTodaysRecord(Fixture fixture) {
        Object event = codec.decode(fixture.payloadType(), fixture.revision(), fixture.json());

        assertThat(event).isEqualTo(fixture.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentFixtures")
    void theCurrentRevisionsFixtureIsWhatTheStoreWritesToday(Fixture fixture) throws IOException {
        JsonNode written = stored.readTree(stored.writeValueAsString(fixture.expected()));

        assertThat(written).isEqualTo(stored.readTree(fixture.json()));
    }

    @Test
    void everyRevisionTheCodecReadsHasAFixture() {
        Set<String> fixtures = fixtures().stream().map(Fixture::name).collect(Collectors.toSet());

        for (String type : codec.payloadTypes()) {
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            assertThat(codec.readableRevisions(type))
                    .allSatisfy(revision -> assertThat(fixtures).contains(simpleName + "-" + revision));
        }
    }

    @Test
    void everyFixtureFileIsChecked() throws IOException, URISyntaxException {
        Path directory = Path.of(EventCodecTest.class.getResource("/events").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            Set<String> names = files.map(file -> file.getFileName().toString().replace(".json", ""))
                    .collect(Collectors.toCollection(TreeSet::new));

            assertThat(names).isEqualTo(fixtures().stream().map(Fixture::name).collect(Collectors.toSet()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.leeway.kernel.cases.CaseClosed", "java.lang.Runtime", "CaseOpened", ""})
    void anUnknownTypeIsUnknownNotSkipped(String payloadType) {
        assertThatThrownBy(() -> codec.decode(payloadType, "1", "{}"))
                .isInstanceOf(UnknownEventException.class)
                .hasMessageContaining("'" + payloadType + "'").hasMessageContaining("revision '1'");
    }

    @Test
    void aRevisionNewerThanThisVersionKnowsIsUnknown() {
        assertThatThrownBy(() -> codec.decode(CASE_OPENED, "5", fixture("CaseOpened-4")))
                .isInstanceOf(UnknownEventException.class)
                .hasMessageContaining(CASE_OPENED).hasMessageContaining("revision '5'")
                .hasMessageContaining("reads revisions 1, 2, 3, 4")
                .satisfies(e -> assertThat(((EventDecodingException) e).revision()).isEqualTo("5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2", "1.0"})
    void aRevisionWithoutUpcastersToTheCurrentOneIsUnknown(String revision) {
        assertThatThrownBy(() -> codec.decode(CaseAssigned.class.getName(), revision, fixture("CaseAssigned-1")))
                .isInstanceOf(UnknownEventException.class).hasMessageContaining("reads revisions 1");
    }

    @Test
    void aMissingTypeOrRevisionIsUnknown() {
        assertThatThrownBy(() -> codec.decode(null, "1", "{}")).isInstanceOf(UnknownEventException.class);
        assertThatThrownBy(() -> codec.decode(CASE_OPENED, null, fixture("CaseOpened-3")))
                .isInstanceOf(UnknownEventException.class).hasMessageContaining("revision (none)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "null", "", "42", "{\"caseId\":\"5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11\"} {}",
            "{\"channel\":\"PHONE\",\"subject\":\"x\",\"customerId\":\"C\"}",
            "{\"caseId\":\"not a uuid\",\"customerId\":\"C\",\"channel\":\"PHONE\",\"subject\":\"x\"}",
            "{\"caseId\":\"5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11\",\"customerId\":\"C\",\"channel\":\"FAX\",\"subject\":\"x\"}"})
    void aBrokenPayloadIsUndecodableAtEveryRevision(String json) {
        for (String revision : List.of("1", "2", "3", "4")) {
            assertThatThrownBy(() -> codec.decode(CASE_OPENED, revision, json))
                    .isInstanceOf(UndecodableEventException.class)
                    .hasMessageContaining(CASE_OPENED).hasMessageContaining("revision '" + revision + "'");
        }
        assertThatThrownBy(() -> codec.decode(CASE_OPENED, "3", null)).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void theReasonNamesTheFieldButNotTheStoredText() {
        String secret = "Zoe Smith, 12 Baker Street";
        String json = "{\"caseId\":\"" + secret + "\",\"customerId\":\"C\",\"channel\":\"PHONE\",\"subject\":\"x\"}";

        assertThatThrownBy(() -> codec.decode(CASE_OPENED, "1", json))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("caseId")
                .hasMessageNotContaining(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void aNumberWrittenOutInFullDecodesExactly(String revision) {
        String json = fixture("ExceptionGranted-" + revision).replace("\"amount\":3,", "\"amount\":" + HUNDRED_THOUSAND_ZEROS + ",");

        ExceptionGranted event = codec.decode(GRANTED, revision, json, ExceptionGranted.class);

        assertThat(event.deviation().amount()).isEqualByComparingTo(new BigDecimal("1e100000"));
        assertThat(event.deviation()).isEqualTo(new Deviation(new BigDecimal("1e100000"), DeviationUnit.DAYS));
    }

    @Test
    void aReaderOfOneTypeIsToldWhenItGetsAnother() {
        assertThatThrownBy(() -> codec.decode(CASE_OPENED, "3", fixture("CaseOpened-3"), ExceptionGranted.class))
                .isInstanceOf(UnknownEventException.class).hasMessageContaining(ExceptionGranted.class.getName());
    }

    @Test
    void upcastingBringsOldJsonToTheCurrentShapeAndLeavesTheGivenTreeAlone() throws IOException {
        ObjectNode revisionOne = (ObjectNode) stored.readTree(fixture("CaseOpened-1"));
        ObjectNode before = revisionOne.deepCopy();

        ObjectNode current = codec.upcast(CASE_OPENED, "1", revisionOne);

        assertThat(revisionOne).isEqualTo(before);
        assertThat(current.get("subject")).isEqualTo(stored.readTree("{\"plain\":\"Late delivery\"}"));
        assertThat(current.has("failure")).isTrue();
        assertThat(current.get("failure").isNull()).isTrue();
        assertThat(stored.treeToValue(current, CaseOpened.class).subject()).isEqualTo(PersonalText.legacy("Late delivery"));
    }

    @Test
    void theCurrentRevisionsAreTheAnnotatedOnes() {
        assertThat(codec.currentRevision(CaseOpened.class)).isEqualTo("4");
        assertThat(codec.currentRevision(GRANTED)).isEqualTo("2");
        assertThat(codec.readableRevisions(CASE_OPENED)).containsExactly("1", "2", "3", "4");
        assertThat(codec.knows(CASE_OPENED)).isTrue();
        assertThat(codec.knows("java.lang.Runtime")).isFalse();
    }

    @Test
    void aHistoryWithAGapOrTwoStepsFromOneRevisionIsRefusedWhenTheCodecIsBuilt() {
        Function<String, Upcaster> step = to -> new Upcaster(CASE_OPENED, "1", to, UnaryOperator.identity());

        assertThatThrownBy(() -> new EventCodec(List.of(CaseOpened.class), List.of(step.apply("2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no upcasters to 4");
        assertThatThrownBy(() -> new EventCodec(List.of(CaseOpened.class), List.of(step.apply("3"), step.apply("2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two upcasters");
        assertThatThrownBy(() -> new EventCodec(List.of(CaseAssigned.class), List.of(step.apply("3"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not know");
    }

    private static String fixture(String name) {
        return fixtures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().json();
    }
}
