package dev.leeway.command.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.command.support.Infrastructure;
import dev.leeway.command.support.TopicReader;
import dev.leeway.kernel.messaging.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenCaseApiIT {

    private static final String VALID = """
            {"customerId":"CUST-42","channel":"PHONE","subject":"Rebate form lost","description":"Customer called twice"}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void openingACaseAnswers201WithTheCaseIdAndItsLocation() throws Exception {
        HttpResponse<String> response = post(VALID);

        assertThat(response.statusCode()).isEqualTo(201);
        String caseId = json.readTree(response.body()).get("caseId").asText();
        assertThat(caseId).matches("[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("Location")).hasValue("/cases/" + caseId);
    }

    @Test
    void theStoredEventIsJsonThatSqlCanRead() throws Exception {
        String caseId = json.readTree(post(VALID).body()).get("caseId").asText();

        try (Connection connection = Infrastructure.servers().adminConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT payload::jsonb ->> 'subject', payload::jsonb ->> 'channel', payload_type, payload_revision,
                            type, sequence_number, meta_data::jsonb ->> 'correlationId' IS NOT NULL
                     FROM event_store.domain_event_entry WHERE aggregate_identifier = ?""")) {
            query.setString(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("Rebate form lost");
                assertThat(row.getString(2)).isEqualTo("PHONE");
                assertThat(row.getString(3)).isEqualTo("dev.leeway.kernel.cases.CaseOpened");
                assertThat(row.getString(4)).isEqualTo("1");
                assertThat(row.getString(5)).isEqualTo("Case");
                assertThat(row.getLong(6)).isZero();
                assertThat(row.getBoolean(7)).isTrue();
                assertThat(row.next()).isFalse();
            }
        }
    }

    @Test
    void theEventReachesKafkaKeyedByCaseIdWithItsEnvelopeInHeaders() throws Exception {
        String caseId = json.readTree(post(VALID).body()).get("caseId").asText();

        List<ConsumerRecord<String, String>> records =
                TopicReader.recordsWithKey("leeway.events", caseId, 1, Duration.ofSeconds(30));

        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        JsonNode value = json.readTree(record.value());
        assertThat(value.get("caseId").asText()).isEqualTo(caseId);
        assertThat(value.get("subject").asText()).isEqualTo("Rebate form lost");
        assertThat(header(record, EventHeaders.TYPE)).isEqualTo("dev.leeway.kernel.cases.CaseOpened");
        assertThat(header(record, EventHeaders.REVISION)).isEqualTo("1");
        assertThat(header(record, EventHeaders.AGGREGATE_TYPE)).isEqualTo("Case");
        assertThat(header(record, EventHeaders.AGGREGATE_ID)).isEqualTo(caseId);
        assertThat(header(record, EventHeaders.AGGREGATE_SEQUENCE)).isEqualTo("0");
        assertThat(header(record, EventHeaders.EVENT_ID)).isNotBlank();
        assertThat(json.readTree(header(record, EventHeaders.METADATA)).has("correlationId")).isTrue();
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
                Arguments.of("unknown field", """
                        {"customerId":"C1","channel":"EMAIL","subject":"s","priority":"HIGH"}""", "UNKNOWN_FIELD"),
                Arguments.of("overlong subject", """
                        {"customerId":"C1","channel":"EMAIL","subject":"%s"}""".formatted("s".repeat(201)),
                        "VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badInputIsRefusedAsProblemJsonAndStoresNothing(String why, String body, String code) throws Exception {
        long eventsBefore = storedEvents();

        HttpResponse<String> response = post(body);

        assertProblem(response, 400, code);
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        long eventsBefore = storedEvents();
        String huge = """
                {"customerId":"C1","channel":"WEB","subject":"s","description":"%s"}""".formatted("x".repeat(70_000));

        assertProblem(post(huge), 400, "BODY_TOO_LARGE");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anOversizedChunkedBodyIsRefusedWhileItIsRead() throws Exception {
        long eventsBefore = storedEvents();
        byte[] huge = """
                {"customerId":"C1","channel":"WEB","subject":"s","description":"%s"}"""
                .formatted("x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(uri("/cases"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        assertProblem(http.send(chunked, HttpResponse.BodyHandlers.ofString()), 400, "BODY_TOO_LARGE");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnsupportedMediaType() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/cases"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("open a case please"))
                .build();

        assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theServiceRoleCanAppendButNeverRewriteHistory() throws Exception {
        post(VALID);

        assertThrows(Exception.class,
                () -> jdbc.update("UPDATE event_store.domain_event_entry SET payload = '{}'"));
        assertThrows(Exception.class,
                () -> jdbc.update("DELETE FROM event_store.domain_event_entry"));
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/cases"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
