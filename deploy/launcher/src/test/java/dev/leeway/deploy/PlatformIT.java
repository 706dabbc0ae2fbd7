package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.FreePorts;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.messaging.EventHeaders;
import dev.leeway.kernel.tracing.TraceParent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as a newcomer runs it: the launcher starts embedded PostgreSQL, a Kafka broker and the three
 * packaged services as separate processes; the tests talk to them over HTTP only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A metric's name in PromQL: Leeway's own, and Spring's HTTP server metric. */
    private static final Pattern METRIC_NAME =
            Pattern.compile("\\b(leeway_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b");

    @TempDir
    static Path home;
    private static PlatformSettings settings;
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        assertThat(ROOT.resolve("command-service/target/command-service.jar"))
                .as("the services are packaged before this test runs").exists();
        settings = new PlatformSettings(ROOT, home, FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), Map.of());
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceExposesHealthAndPrometheusMetrics() throws Exception {
        for (String url : List.of(platform.commandUrl(), platform.queryUrl(), platform.projectionUrl())) {
            assertThat(get(url + "/actuator/health").statusCode()).as(url).isEqualTo(200);
            HttpResponse<String> metrics = get(url + "/actuator/prometheus");
            assertThat(metrics.statusCode()).as(url).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
        assertThat(get(platform.projectionUrl() + "/actuator/prometheus").body())
                .contains("leeway_projection_lag_events", "leeway_projection_lag_milliseconds");
    }

    @Test
    @Order(2)
    void aCaseOpenedOnTheCommandApiIsReadOnTheQueryApi() throws Exception {
        HttpResponse<String> opened = openCase("WEB", "Coupon not applied");
        assertThat(opened.statusCode()).isEqualTo(201);
        String caseId = JSON.readTree(opened.body()).get("caseId").asText();

        JsonNode found = awaitCase(caseId, Duration.ofSeconds(30));

        assertThat(found.get("subject").asText()).isEqualTo("Coupon not applied");
        assertThat(found.get("channel").asText()).isEqualTo("WEB");
        assertThat(found.get("customerId").asText()).isEqualTo("CUST-E2E");
        assertThat(found.get("status").asText()).isEqualTo("OPEN");
        assertThat(found.get("version").asLong()).isZero();
        JsonNode list = JSON.readTree(get(platform.queryUrl() + "/cases?status=OPEN&page=0&size=50").body());
        assertThat(list.get("items").findValuesAsText("caseId")).contains(caseId);
    }

    @Test
    @Order(3)
    void aBendGrantedOnTheCommandApiShowsOnTheCaseViewWithItsPolicyVersion() throws Exception {
        HttpResponse<String> policy = send("PUT", platform.commandUrl() + "/policies/REBATE-FORM", """
                {"title":"Rebates need the form","purpose":"Proof of purchase","kind":"BENDABLE","unit":"MONEY",
                 "currency":"EUR","ownAuthorityLimits":{"AGENT":50,"SUPERVISOR":500},"monthlyBudgetPerAgent":200}""",
                token("olivia", "POLICY_OWNER"));
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        String caseId = JSON.readTree(openCase("PHONE", "Rebate form lost").body()).get("caseId").asText();

        HttpResponse<String> bend = send("POST", platform.commandUrl() + "/cases/" + caseId + "/exceptions", """
                {"policyCode":"REBATE-FORM","deviation":25,"valueGiven":{"amount":25,"currency":"EUR"},
                 "reasonCode":"NO_FORM","justification":"Receipt shown on the phone"}""", token("alice", "AGENT"));
        HttpResponse<String> resolved = send("POST", platform.commandUrl() + "/cases/" + caseId + "/resolution",
                "{\"outcome\":\"SOLVED\",\"summary\":\"Rebate paid\"}", token("alice", "AGENT"));

        assertThat(bend.statusCode()).as(bend.body()).isEqualTo(201);
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(platform.queryUrl() + "/cases/" + caseId)
                .body()).path("status").asText().equals("RESOLVED"));
        JsonNode view = JSON.readTree(get(platform.queryUrl() + "/cases/" + caseId).body());
        assertThat(view.get("bends")).hasSize(1);
        assertThat(view.get("bends").get(0).get("status").asText()).isEqualTo("GRANTED");
        assertThat(view.get("bends").get(0).get("authority").asText()).isEqualTo("OWN_LIMIT");
        assertThat(view.get("bends").get(0).get("policyVersion").asInt()).isEqualTo(1);
        assertThat(view.get("bends").get(0).get("grantedBy").asText()).isEqualTo("alice");
    }

    @Test
    @Order(4)
    void anAuditorSealsExportsAndVerifiesOfflineAndTamperingInTheExportIsNamed() throws Exception {
        HttpResponse<String> sealed = send("POST", platform.commandUrl() + "/audit/checkpoints", "",
                token("audrey", "AUDITOR"));
        assertThat(sealed.statusCode()).as(sealed.body()).isIn(201, 204);
        HttpResponse<String> digest = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/audit/digest"))
                .header("Authorization", "Bearer " + token("audrey", "AUDITOR")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> export = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/audit/export"))
                .header("Authorization", "Bearer " + token("audrey", "AUDITOR")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        Path bundle = home.resolve("export.ndjson");
        Files.writeString(bundle, export.body());

        VerificationReport offline = Verify.bundle(bundle);
        VerificationReport database = Verify.database(platform.environment().get("LEEWAY_DB_URL"), "postgres", "",
                JSON.readTree(digest.body()).get("digest").asText());
        Files.writeString(bundle, export.body().replaceFirst("CUST-E2E", "CUST-E2F"));
        VerificationReport tampered = Verify.bundle(bundle);

        assertThat(offline.intact()).as(String.valueOf(offline.firstBrokenLink())).isTrue();
        assertThat(offline.eventsChecked()).isPositive();
        assertThat(offline.checkpointsChecked()).isPositive();
        assertThat(database.intact()).isTrue();
        assertThat(database.extendsDigest()).isTrue();
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.firstBrokenLink().reason()).isEqualTo(VerificationReport.Reason.PAYLOAD_CHANGED);
    }

    @Test
    @Order(5)
    void anErasedCustomerStaysErasedWhileTheProofStillHolds() throws Exception {
        String secret = "Zoë Smith, 12 Baker Street, +44 20 7946 0958";
        String customer = "CUST-ERASE-" + UUID.randomUUID().toString().substring(0, 8);
        String agent = token("alice", "AGENT");
        String caseId = JSON.readTree(send("POST", platform.commandUrl() + "/cases", """
                {"customerId":"%s","channel":"EMAIL","subject":"%s","description":"%s"}"""
                .formatted(customer, secret, secret), agent).body()).get("caseId").asText();
        assertThat(send("POST", platform.commandUrl() + "/cases/" + caseId + "/exceptions", """
                {"policyCode":"REBATE-FORM","deviation":10,"valueGiven":{"amount":10,"currency":"EUR"},
                 "reasonCode":"NO_FORM","justification":"%s"}""".formatted(secret), agent).statusCode()).isEqualTo(201);
        send("POST", platform.commandUrl() + "/cases/" + caseId + "/resolution",
                "{\"outcome\":\"SOLVED\",\"summary\":\"%s\"}".formatted(secret), agent);
        send("POST", platform.commandUrl() + "/cases/" + caseId + "/satisfaction",
                "{\"score\":4,\"comment\":\"%s\"}".formatted(secret), agent);
        String view = platform.queryUrl() + "/cases/" + caseId;
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(view).body()).path("satisfactionScore").asInt() == 4);
        assertThat(JSON.readTree(get(view).body()).get("subject").asText()).as("readable while the key lives").isEqualTo(secret);

        HttpResponse<String> erased = send("POST", platform.commandUrl() + "/customers/" + customer + "/erasure", "",
                token("adam", "ADMIN"));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                JSON.readTree(get(view).body()).path("subject").asText().equals("[erased]"));
        JsonNode after = JSON.readTree(get(view).body());
        assertThat(after.get("bends").get(0).get("justification").asText()).isEqualTo("[erased]");
        assertThat(after.get("bends").get(0).get("status").asText()).isEqualTo("GRANTED");
        assertThat(after.get("bends").get(0).get("authority").asText()).isEqualTo("OWN_LIMIT");
        assertThat(after.get("satisfactionScore").asInt()).isEqualTo(4);
        assertThat(after.get("outcome").asText()).isEqualTo("SOLVED");
        HttpResponse<String> history = HTTP.send(HttpRequest.newBuilder(URI.create(
                        platform.queryUrl() + "/audit/cases/" + caseId + "/events"))
                .header("Authorization", "Bearer " + token("audrey", "AUDITOR")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(history.body()).get(0).get("payload").get("subject").asText()).isEqualTo("[erased]");
        assertThat(history.body()).doesNotContain("Baker Street");
        try (Connection db = adminConnection()) {
            assertThat(count(db, "SELECT count(*) FROM event_store.domain_event_entry WHERE payload LIKE ?", "%Baker Street%"))
                    .as("event store").isZero();
            assertThat(count(db, "SELECT count(*) FROM read_model.case_summary WHERE subject || coalesce(description, '') LIKE ?",
                    "%Baker Street%")).as("case summaries").isZero();
            assertThat(count(db, "SELECT count(*) FROM read_model.case_bend WHERE justification LIKE ?", "%Baker Street%"))
                    .as("bends").isZero();
        }
        assertThat(kafkaRecordValues(caseId)).isNotEmpty().noneMatch(value -> value.contains("Baker Street"));
        try (Stream<Path> logs = Files.list(home.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain("Baker Street");
            }
        }
        assertThat(Verify.database(platform.environment().get("LEEWAY_DB_URL"), "postgres", "", null).intact()).isTrue();
    }

    @Test
    @Order(6)
    void aCaseOpenedWhileKafkaIsDownAppearsOnceKafkaIsBackWithNothingLostOrDuplicated() throws Exception {
        String before = JSON.readTree(openCase("PHONE", "Before the outage").body()).get("caseId").asText();
        awaitCase(before, Duration.ofSeconds(30));

        platform.kafka().stop();
        HttpResponse<String> during = openCase("EMAIL", "During the outage");
        assertThat(during.statusCode()).as("commands are accepted while Kafka is down").isEqualTo(201);
        String duringId = JSON.readTree(during.body()).get("caseId").asText();
        assertThat(get(platform.queryUrl() + "/cases/" + duringId).statusCode()).isEqualTo(404);
        platform.kafka().restart();

        JsonNode recovered = awaitCase(duringId, Duration.ofMinutes(3));
        assertThat(recovered.get("subject").asText()).isEqualTo("During the outage");
        assertThat(recovered.get("version").asLong()).isZero();
        try (Connection db = adminConnection()) {
            for (String caseId : List.of(before, duringId)) {
                assertThat(count(db, "SELECT count(*) FROM read_model.case_summary WHERE case_id = ?::uuid", caseId))
                        .as("one row per case").isEqualTo(1);
                assertThat(count(db, "SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?", caseId))
                        .as("one stored event per case").isEqualTo(1);
                assertThat(count(db, "SELECT count(*) FROM read_model.parked_event WHERE aggregate_id = ?", caseId))
                        .as("nothing parked").isZero();
            }
        }
    }

    @Test
    @Order(7)
    void casesSurviveARestartOfThePlatform() throws Exception {
        String caseId = JSON.readTree(openCase("IN_PERSON", "Kept across restarts").body()).get("caseId").asText();
        awaitCase(caseId, Duration.ofSeconds(30));

        platform.close();
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));

        HttpResponse<String> after = get(platform.queryUrl() + "/cases/" + caseId);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).get("subject").asText()).isEqualTo("Kept across restarts");
        String another = JSON.readTree(openCase("OTHER", "After the restart").body()).get("caseId").asText();
        assertThat(awaitCase(another, Duration.ofSeconds(30)).get("subject").asText()).isEqualTo("After the restart");
        assertThat(Files.exists(home.resolve("postgres"))).isTrue();
    }

    /**
     * The operators' alerts and dashboard ({@code deploy/monitoring}) name only metrics the services export: after
     * a bend above the agent's limit and one within it (and its budget), a second person's decision, a refusal and
     * a verification, every name they use is in a scrape.
     */
    @Test
    @Order(8)
    void everyMetricTheAlertsAndTheDashboardNameIsExported() throws Exception {
        String caseId = JSON.readTree(openCase("PHONE", "Rebate above the agent's limit").body()).get("caseId").asText();
        HttpResponse<String> pending = send("POST", platform.commandUrl() + "/cases/" + caseId + "/exceptions", """
                {"policyCode":"REBATE-FORM","deviation":100,"valueGiven":{"amount":100,"currency":"EUR"},
                 "reasonCode":"NO_FORM","justification":"Receipt shown on the phone"}""", token("alice", "AGENT"));
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(201);
        String exceptionId = JSON.readTree(pending.body()).get("exceptionId").asText();
        HttpResponse<String> decided = send("POST", platform.commandUrl() + "/cases/" + caseId + "/exceptions/"
                + exceptionId + "/decision", "{\"decision\":\"APPROVE\"}", token("sam", "SUPERVISOR"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        HttpResponse<String> fromBudget = send("POST", platform.commandUrl() + "/cases/" + caseId + "/exceptions", """
                {"policyCode":"REBATE-FORM","deviation":10,"valueGiven":{"amount":10,"currency":"EUR"},
                 "reasonCode":"NO_FORM","justification":"Small rebate"}""", token("alice", "AGENT"));
        assertThat(fromBudget.statusCode()).as(fromBudget.body()).isEqualTo(201);
        assertThat(send("POST", platform.commandUrl() + "/cases", "{}", token("alice", "AGENT")).statusCode())
                .isEqualTo(400);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/audit/verification"))
                .header("Authorization", "Bearer " + token("audrey", "AUDITOR")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        awaitCase(caseId, Duration.ofSeconds(30));

        Set<String> named = new TreeSet<>();
        Path monitoring = ROOT.resolve("deploy/monitoring");
        for (Path file : List.of(monitoring.resolve("prometheus/leeway-alerts.yml"),
                monitoring.resolve("grafana/leeway-dashboard.json"))) {
            Matcher metric = METRIC_NAME.matcher(Files.readString(file));
            while (metric.find()) {
                named.add(metric.group(1));
            }
        }
        assertThat(named).as("names found in the files").hasSizeGreaterThan(10);
        String scraped = get(platform.commandUrl() + "/actuator/prometheus").body()
                + get(platform.projectionUrl() + "/actuator/prometheus").body()
                + get(platform.queryUrl() + "/actuator/prometheus").body();
        for (String name : named) {
            assertThat(scraped).as(name + " is exported").containsPattern("(?m)^" + name + "[{ ]");
        }
        assertThat(scraped).as("refusals carry their problem code")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*code=\"VALIDATION_FAILED\"");
    }

    /**
     * A front-line app that traces its request (W3C {@code traceparent}) finds that trace continued through the
     * command, the event's metadata in the store, the Kafka record and the read models' write: the same trace id
     * in each, and in every service's log (the local platform logs each finished span).
     */
    @Test
    @Order(9)
    void oneTraceRunsFromTheCommandThroughTheStoreAndKafkaToTheReadModels() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String clientSpan = traceId.substring(0, 16);
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl() + "/cases"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token("alice", "AGENT"))
                .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"CUST-E2E","channel":"CHAT","subject":"Traced"}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = JSON.readTree(opened.body()).get("caseId").asText();
        awaitCase(caseId, Duration.ofSeconds(30));

        try (Connection db = adminConnection(); PreparedStatement select = db.prepareStatement("""
                SELECT meta_data::jsonb ->> 'traceparent' FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ?""")) {
            select.setString(1, caseId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                TraceParent stored = TraceParent.parse(row.getString(1)).orElseThrow();
                assertThat(stored.traceId()).isEqualTo(traceId);
                assertThat(stored.spanId()).as("the command's own span, child of the client's")
                        .isNotEqualTo(clientSpan);
            }
        }
        TraceParent published = TraceParent.parse(kafkaHeader(caseId, EventHeaders.TRACE_PARENT)).orElseThrow();
        assertThat(published.traceId()).isEqualTo(traceId);
        Path logs = home.resolve("logs");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(Files.readString(logs.resolve("command-service.log")))
                    .contains("span leeway.publish trace=" + traceId + " span=" + published.spanId())
                    .containsPattern("span http post /cases trace=" + traceId + " span=[0-9a-f]{16} parent="
                            + clientSpan);
            assertThat(Files.readString(logs.resolve("projection-service.log")))
                    .containsPattern("span leeway.project trace=" + traceId + " span=[0-9a-f]{16} parent="
                            + published.spanId());
        });
    }

    private static HttpResponse<String> openCase(String channel, String subject) throws Exception {
        return send("POST", platform.commandUrl() + "/cases", """
                {"customerId":"CUST-E2E","channel":"%s","subject":"%s","description":"end to end"}"""
                .formatted(channel, subject), token("alice", "AGENT"));
    }

    private static JsonNode awaitCase(String caseId, Duration timeout) throws Exception {
        String url = platform.queryUrl() + "/cases/" + caseId;
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> get(url).statusCode() == 200);
        return JSON.readTree(get(url).body());
    }

    /** A GET as an analyst; actuator endpoints ignore the token. */
    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token("ann", "ANALYST"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signed with the platform's own local key, as `deploy/leeway token` does. */
    private static String token(String user, String... roles) {
        return LocalTokens.in(home.resolve("keys")).mint(user, List.of(roles), Duration.ofMinutes(30));
    }

    private static Connection adminConnection() throws Exception {
        return DriverManager.getConnection(platform.environment().get("LEEWAY_DB_URL"), "postgres", "");
    }

    /** The last value of header {@code name} on the first record keyed {@code key}. */
    private static String kafkaHeader(String key, String name) {
        return kafkaRecords(key, 1).stream().findFirst()
                .map(record -> record.headers().lastHeader(name))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    private static List<String> kafkaRecordValues(String key) {
        return kafkaRecords(key, 4).stream().map(ConsumerRecord::value).toList();
    }

    /** Records keyed {@code key} on the events topic, read from the start until there are {@code enough} (or 15 s). */
    private static List<ConsumerRecord<String, String>> kafkaRecords(String key, int enough) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.environment().get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("leeway.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && records.size() < enough) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    private static long count(Connection db, String sql, String id) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
