package dev.leeway.projection.support;

import dev.leeway.infra.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * projection-service against the test JVM's PostgreSQL and Kafka, with the local token key. Every integration
 * test extends this one class, so they share one application context: two would be two consumers in one group,
 * splitting the partitions (and the metrics) between them.
 */
// Spring Boot switches metric exporters off in tests unless asked: the Prometheus scrape is under test too.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class RunningProjectionService {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EventStoreRows.migrate(); // the event store the service reads gaps and rebuilds from
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MeterRegistry meters;
    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newHttpClient();
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    protected void send(ProducerRecord<String, String> record) throws Exception {
        producer.send(record).get();
    }

    /** In order per aggregate (one key, one partition), without waiting for each acknowledgement. */
    protected void sendAll(List<ProducerRecord<String, String>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    protected double counter(String name) {
        return meters.get(name).counter().count();
    }

    protected double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    protected HttpResponse<String> get(String path, String... roles) throws Exception {
        return http.send(authorised(HttpRequest.newBuilder(uri(path)), roles).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String... roles) throws Exception {
        return http.send(authorised(HttpRequest.newBuilder(uri(path)), roles)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** With a token carrying these roles, or with none when no role is given. */
    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String... roles) {
        if (roles.length == 0) {
            return request;
        }
        String token = LocalInfrastructure.shared().tokens().mint("operator-1", List.of(roles), Duration.ofMinutes(5));
        return request.header("Authorization", "Bearer " + token);
    }
}
