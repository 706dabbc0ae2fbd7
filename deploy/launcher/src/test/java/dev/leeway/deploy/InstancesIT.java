package dev.leeway.deploy;

import dev.leeway.infra.FreePorts;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.audit.AuditLogReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code deploy/leeway up --instances 2}: two command-service and two projection-service processes side by side
 * (query-service is one), commands through the local balancer, under a steady front-line load. Then the
 * command-service instance that is publishing to Kafka and one projection-service instance are killed (kill -9),
 * and not started again. Checked: the other command-service instance takes the publisher's token over (Axon's
 * claim on the one segment: never two owners), the surviving projection-service instance is given every
 * partition, nothing any command was answered for is lost or doubled and each case's records keep their order
 * ({@link Deliveries}), and a from-scratch fold of the event store (a dry-run rebuild) equals every read model.
 */
class InstancesIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final int RATE = 40;
    /** Commands accepted before the kills, and as many again after the survivors took the work over. */
    private static final int LOAD_BEFORE_AND_AFTER = 10 * RATE;
    private static final String PUBLISHER = "kafka-publisher";
    private static final String GROUP = "read-models";
    private static final String TOPIC = "leeway.events";
    private static final int PARTITIONS = 6;
    private static final Duration TAKE_OVER = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path home;
    private static Platform platform;
    private static LocalTokens tokens;

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        PlatformSettings settings = new PlatformSettings(ROOT, home, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                // A killed projection instance's partitions move on after 10 s rather than the default 45 s.
                Map.of("LEEWAY_KAFKA_SESSION_TIMEOUT_MS", "10000")).withInstances(2);
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));
        tokens = LocalTokens.in(home.resolve("keys"));
        FrontLineLoad.definePolicy(platform.commandUrl(), tokens.mint("instances-owner", List.of("POLICY_OWNER"),
                Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void twoOfEachShareTheWorkAndTheSurvivorsTakeItOverWithNothingLostOrDoubled() throws Exception {
        assertThat(platform.serviceNames()).containsExactly("command-service-1", "command-service-2",
                "projection-service-1", "projection-service-2", "query-service");
        FrontLineLoad load = new FrontLineLoad(platform.commandUrl(),
                tokens.mint("instances-agent", List.of("AGENT"), Duration.ofHours(1)), RATE);
        load.start();
        awaitAccepted(load, LOAD_BEFORE_AND_AFTER);

        for (String name : List.of("command-service-1", "command-service-2")) {
            assertThat(commandsAnswered(name)).as(name + " answered commands through the balancer").isPositive();
        }
        String publishing = await().atMost(TAKE_OVER).until(InstancesIT::publisher, owner -> owner != null);
        assertThat(publishing).isIn("command-service-1", "command-service-2");
        Map<String, Set<TopicPartition>> shared = await().atMost(TAKE_OVER).until(InstancesIT::assignments,
                members -> members.size() == 2 && members.values().stream().noneMatch(Set::isEmpty)
                        && union(members).size() == PARTITIONS);
        assertThat(shared).as("both projection instances consume a share of the partitions").hasSize(2);

        platform.crash(publishing);
        platform.crash("projection-service-1");
        String survivor = publishing.equals("command-service-1") ? "command-service-2" : "command-service-1";
        await().atMost(TAKE_OVER).until(InstancesIT::publisher, survivor::equals);
        Map<String, Set<TopicPartition>> rebalanced = await().atMost(TAKE_OVER).until(InstancesIT::assignments,
                members -> members.size() == 1 && union(members).size() == PARTITIONS);
        assertThat(rebalanced).as("the surviving projection instance has every partition").hasSize(1);
        awaitAccepted(load, load.acceptedCommands() + LOAD_BEFORE_AND_AFTER);
        load.stop();

        try (Connection db = adminConnection()) {
            Deliveries.Outcome outcome = Deliveries.check(load, db,
                    platform.environment().get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS"));
            System.out.printf("Two of each, then one of each: %,d commands accepted, %,d retried%n",
                    outcome.accepted(), outcome.retried());
            assertThat(outcome.stepsAccepted()).containsExactlyInAnyOrderElementsOf(FrontLineLoad.Step.SENT);
            assertThat(outcome.lost()).as("lost").isEmpty();
            assertThat(outcome.duplicated()).as("duplicated").isEmpty();
            assertThat(outcome.outOfOrder()).as("out of order on the topic").isEmpty();
            assertThat(outcome.refusedButStored()).as("refused but stored").isEmpty();
            assertThat(outcome.otherAnswers()).as("a retry answered other than the first answer").isEmpty();
            assertThat(publisherOwners(db)).as("owners of the publisher's segments").hasSize(1);
            assertThat(new AuditLogReader(db).verify(null).intact()).as("hash chain").isTrue();
        }
        ProjectionAdminClient admin = new ProjectionAdminClient(URI.create(platform.url("projection-service-2")),
                tokens.mint("instances-admin", List.of("ADMIN"), Duration.ofMinutes(30)));
        for (ProjectionAdminClient.ProjectionStatus projection : admin.projections()) {
            admin.startRebuild(projection.name(), true);
            RebuildStatus rebuilt = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.rebuild(projection.name()), RebuildStatus::finished);
            assertThat(rebuilt.state()).as(projection.name() + " against a fold from scratch: " + rebuilt)
                    .isEqualTo(RebuildStatus.SAME);
        }
    }

    private static void awaitAccepted(FrontLineLoad load, int commands) {
        await().atMost(FrontLineLoad.RETRY_FOR).pollInterval(Duration.ofMillis(100))
                .until(() -> load.acceptedCommands() >= commands);
    }

    /** POST requests the instance answered, from its own metrics (Spring's {@code http.server.requests}). */
    private static double commandsAnswered(String name) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.url(name) + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("method=\"POST\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The command-service instance whose process owns the publisher's token, if one does. */
    private static String publisher() throws Exception {
        try (Connection db = adminConnection()) {
            Set<String> owners = publisherOwners(db);
            if (owners.size() != 1) {
                return null;
            }
            String owner = owners.iterator().next();
            for (String name : platform.serviceNames()) {
                if (name.startsWith("command-service") && owner.startsWith(platform.pid(name) + "@")) {
                    return name;
                }
            }
            return null;
        }
    }

    /** Axon names a token's owner by its JVM ({@code pid@host}); a released token has none. */
    private static Set<String> publisherOwners(Connection db) throws Exception {
        Set<String> owners = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT owner FROM event_store.token_entry WHERE processor_name = ? AND owner IS NOT NULL")) {
            select.setString(1, PUBLISHER);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
        }
        return owners;
    }

    /** The read models' consumer group: each member's partitions of the events topic, by member. */
    private static Map<String, Set<TopicPartition>> assignments() throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.environment().get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS")))) {
            ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of(GROUP)).describedGroups()
                    .get(GROUP).get(10, TimeUnit.SECONDS);
            Map<String, Set<TopicPartition>> byClient = new HashMap<>();
            for (MemberDescription member : group.members()) {
                // An instance's consumer threads share its client id (LEEWAY_INSTANCE_ID), each with -0, -1, …
                byClient.computeIfAbsent(processOf(member.clientId()), id -> new HashSet<>())
                        .addAll(member.assignment().topicPartitions().stream()
                                .filter(partition -> partition.topic().equals(TOPIC)).toList());
            }
            return byClient;
        }
    }

    private static String processOf(String clientId) {
        return clientId.replaceFirst("-\\d+$", "");
    }

    private static Set<TopicPartition> union(Map<String, Set<TopicPartition>> members) {
        Set<TopicPartition> all = new HashSet<>();
        members.values().forEach(all::addAll);
        return all;
    }

    private static Connection adminConnection() throws Exception {
        return DriverManager.getConnection(platform.environment().get("LEEWAY_DB_URL"), "postgres", "");
    }
}
