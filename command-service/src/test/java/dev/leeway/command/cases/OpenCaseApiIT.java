package dev.leeway.command.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.command.support.TopicReader;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.messaging.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.NestedExceptionUtils;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenCaseApiIT extends CommandApiTest {

    private static final String VALID = """
            {"customerId":"CUST-42","channel":"PHONE","subject":"Rebate form lost","description":"Customer called twice"}""";

    private final ObjectMapper json = new ObjectMapper();

    private ApiClient agent() {
        return as("alice", Role.AGENT);
    }

    @Test
    void openingACaseAnswers201WithTheCaseIdItsLocationAndVersion() {
        ApiClient.Response response = agent().post("/cases", VALID);

        assertThat(response.status()).isEqualTo(201);
        String caseId = response.text("caseId");
        assertThat(caseId).matches("[0-9a-f-]{36}");
        assertThat(response.header("Location")).isEqualTo("/cases/" + caseId);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void aCallerMayChooseTheCaseIdAndOpeningItTwiceStoresItOnce() {
        String caseId = UUID.randomUUID().toString();
        String body = """
                {"caseId":"%s","customerId":"C1","channel":"CHAT","subject":"Twice"}""".formatted(caseId);

        ApiClient.Response first = agent().post("/cases", body);
        long eventsAfterFirst = storedEvents();
        ApiClient.Response second = agent().post("/cases", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text("caseId")).isEqualTo(caseId);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("CASE_ALREADY_EXISTS");
        assertThat(storedEvents()).isEqualTo(eventsAfterFirst);
    }

    @Test
    void theStoredEventIsJsonThatSqlCanReadWithWhoDidItFromTheTokenAndPersonalTextSealed() throws Exception {
        String caseId = agent().with("X-Client-App", "agent-desktop").with("X-Correlation-Id", "corr-123")
                .post("/cases", VALID).text("caseId");

        try (Connection connection = LocalInfrastructure.shared().adminConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT payload::jsonb -> 'subject' ->> 'sealed', payload::jsonb ->> 'channel', payload_type, payload_revision,
                            type, sequence_number, meta_data::jsonb ->> 'actorId', meta_data::jsonb ->> 'actorRoles',
                            meta_data::jsonb ->> 'clientApp', meta_data::jsonb ->> 'correlationId',
                            meta_data::jsonb ->> 'causationId'
                     FROM event_store.domain_event_entry WHERE aggregate_identifier = ?""")) {
            query.setString(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).as("the subject is stored sealed").isNotBlank().doesNotContain("Rebate");
                assertThat(row.getString(2)).isEqualTo("PHONE");
                assertThat(row.getString(3)).isEqualTo("dev.leeway.kernel.cases.CaseOpened");
                assertThat(row.getString(4)).isEqualTo("4");
                assertThat(row.getString(5)).isEqualTo("Case");
                assertThat(row.getLong(6)).isZero();
                assertThat(row.getString(7)).isEqualTo("alice");
                assertThat(row.getString(8)).isEqualTo("AGENT");
                assertThat(row.getString(9)).isEqualTo("agent-desktop");
                assertThat(row.getString(10)).isEqualTo("corr-123");
                assertThat(row.getString(11)).isNotBlank();
                assertThat(row.next()).isFalse();
            }
        }
    }

    @Test
    void theCustomersSegmentIsStoredWithTheOpeningAndUnknownWhenLeftOut() throws Exception {
        String loyal = agent().post("/cases", """
                {"customerId":"C1","channel":"EMAIL","subject":"s","segment":"LOYAL"}""").text("caseId");
        String unsaid = agent().post("/cases", VALID).text("caseId");

        assertThat(storedSegment(loyal)).isEqualTo("LOYAL");
        assertThat(storedSegment(unsaid)).isEqualTo("UNKNOWN");
    }

    private static String storedSegment(String caseId) throws Exception {
        try (Connection connection = LocalInfrastructure.shared().adminConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT payload::jsonb ->> 'segment' FROM event_store.domain_event_entry
                     WHERE aggregate_identifier = ? AND sequence_number = 0""")) {
            query.setString(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    @Test
    void theActorInTheBodyIsIgnoredTheTokenDecides() {
        ApiClient.Response response = agent().post("/cases", """
                {"customerId":"C1","channel":"EMAIL","subject":"s","actorId":"mallory"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("UNKNOWN_FIELD");
    }

    @Test
    void theEventReachesKafkaKeyedByCaseIdWithItsEnvelopeInHeaders() throws Exception {
        String caseId = agent().post("/cases", VALID).text("caseId");

        List<ConsumerRecord<String, String>> records =
                TopicReader.recordsWithKey("leeway.events", caseId, 1, Duration.ofSeconds(30));

        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        JsonNode value = json.readTree(record.value());
        assertThat(value.get("caseId").asText()).isEqualTo(caseId);
        assertThat(value.get("subject").get("sealed").asText()).isNotBlank();
        assertThat(record.value()).as("no personal text in the clear on Kafka")
                .doesNotContain("Rebate form lost").doesNotContain("Customer called twice");
        assertThat(header(record, EventHeaders.TYPE)).isEqualTo("dev.leeway.kernel.cases.CaseOpened");
        assertThat(header(record, EventHeaders.REVISION)).isEqualTo("4");
        assertThat(header(record, EventHeaders.AGGREGATE_TYPE)).isEqualTo("Case");
        assertThat(header(record, EventHeaders.AGGREGATE_ID)).isEqualTo(caseId);
        assertThat(header(record, EventHeaders.AGGREGATE_SEQUENCE)).isEqualTo("0");
        assertThat(header(record, EventHeaders.EVENT_ID)).isNotBlank();
        assertThat(json.readTree(header(record, EventHeaders.METADATA)).get("actorId").asText()).isEqualTo("alice");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"customerId\": \"C1\", ", "MALFORMED_JSON"),
                Arguments.of("trailing garbage", VALID + " }", "MALFORMED_JSON"),
                Arguments.of("empty body", "", "MALFORMED_JSON"),
                Arguments.of("missing customerId", """
                        {"channel":"EMAIL","subject":"s"}""", "VALIDATION_FAILED"),
                Arguments.of("blank subject", """
                        {"customerId":"C1","channel":"EMAIL","subject":"  "}""", "VALIDATION_FAILED"),
                Arguments.of("missing channel", """
                        {"customerId":"C1","subject":"s"}""", "VALIDATION_FAILED"),
                Arguments.of("unknown channel", """
                        {"customerId":"C1","channel":"CARRIER_PIGEON","subject":"s"}""", "VALIDATION_FAILED"),
                Arguments.of("subject of the wrong type", """
                        {"customerId":"C1","channel":"EMAIL","subject":{"text":"s"}}""", "VALIDATION_FAILED"),
                Arguments.of("case id not a UUID", """
                        {"caseId":"abc","customerId":"C1","channel":"EMAIL","subject":"s"}""", "VALIDATION_FAILED"),
                Arguments.of("unknown severity", """
                        {"customerId":"C1","channel":"EMAIL","subject":"s","failure":{"severity":"HUGE"}}""",
                        "VALIDATION_FAILED"),
                Arguments.of("unknown field", """
                        {"customerId":"C1","channel":"EMAIL","subject":"s","priority":"HIGH"}""", "UNKNOWN_FIELD"),
                Arguments.of("segment in lower case", """
                        {"customerId":"C1","channel":"EMAIL","subject":"s","segment":"loyal"}""", "VALIDATION_FAILED"),
                Arguments.of("segment with a space", """
                        {"customerId":"C1","channel":"EMAIL","subject":"s","segment":"VERY LOYAL"}""",
                        "VALIDATION_FAILED"),
                Arguments.of("overlong segment", """
                        {"customerId":"C1","channel":"EMAIL","subject":"s","segment":"%s"}""".formatted("S".repeat(41)),
                        "VALIDATION_FAILED"),
                Arguments.of("overlong subject", """
                        {"customerId":"C1","channel":"EMAIL","subject":"%s"}""".formatted("s".repeat(201)),
                        "VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badInputIsRefusedAsProblemJsonAndStoresNothing(String why, String body, String code) throws Exception {
        long eventsBefore = storedEvents();

        ApiClient.Response response = agent().post("/cases", body);

        assertProblem(response.status(), response.header("Content-Type"), response.body(), 400, code);
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        long eventsBefore = storedEvents();
        String huge = """
                {"customerId":"C1","channel":"WEB","subject":"s","description":"%s"}""".formatted("x".repeat(70_000));

        ApiClient.Response response = agent().post("/cases", huge);

        assertProblem(response.status(), response.header("Content-Type"), response.body(), 400, "BODY_TOO_LARGE");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anOversizedChunkedBodyIsRefusedWhileItIsRead() throws Exception {
        long eventsBefore = storedEvents();
        byte[] huge = """
                {"customerId":"C1","channel":"WEB","subject":"s","description":"%s"}"""
                .formatted("x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/cases"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), 400, "BODY_TOO_LARGE");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/cases"))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString("open a case please"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theServiceRoleCanAppendButNeverRewriteHistory() {
        agent().post("/cases", VALID);

        for (String rewrite : List.of("UPDATE event_store.domain_event_entry SET payload = '{}'",
                "DELETE FROM event_store.domain_event_entry", "TRUNCATE event_store.domain_event_entry")) {
            assertThatThrownBy(() -> jdbc.update(rewrite)).as(rewrite)
                    .hasRootCauseInstanceOf(SQLException.class)
                    .satisfies(refused -> assertThat(((SQLException) NestedExceptionUtils.getRootCause(refused))
                            .getSQLState()).as("insufficient_privilege").isEqualTo("42501"));
        }
    }

    private static String token() {
        return LocalInfrastructure.shared().tokens().mint("alice", List.of("AGENT"), Duration.ofMinutes(5));
    }

    private void assertProblem(int status, String contentType, String body, int expectedStatus, String code)
            throws Exception {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("code").asText()).as(body).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
