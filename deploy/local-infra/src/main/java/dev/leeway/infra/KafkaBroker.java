package dev.leeway.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One real Kafka broker, in combined broker + controller (KRaft) mode, run in this JVM from Kafka's own jars.
 * <p>
 * It can be stopped and started again on the same ports and log directory, which is what a broker outage looks
 * like to producers and consumers; data written before the stop is still there after the start.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final int advertisedPort;
    private KafkaRaftServer server;

    private KafkaBroker(Path logDirectory, int port, int controllerPort, int advertisedPort) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.advertisedPort = advertisedPort;
    }

    static {
        // Kafka ends its own process on a fatal fault. In process, that would take the host JVM down with it,
        // before it can stop what it started (PostgreSQL keeps running, orphaned); a failure to start is
        // reported as an exception instead.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka broker failed (exit " + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka broker failed (halt " + status + "): " + message);
        });
    }

    /** Formats {@code logDirectory} on first use, then starts the broker on {@code port}. */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort) {
        return start(logDirectory, port, controllerPort, port);
    }

    /**
     * As {@link #start(Path, int, int)}, telling clients to reach it on {@code advertisedPort} instead, where
     * something else listens and passes the bytes on (a fault test's proxy): every client connection then goes
     * through it, not only the first.
     */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort, int advertisedPort) {
        KafkaBroker broker = new KafkaBroker(logDirectory, port, controllerPort, advertisedPort);
        broker.formatIfNeeded();
        broker.startServer();
        return broker;
    }

    /** Where clients reach the broker: its port, or the one it advertises. */
    public String bootstrapServers() {
        return "localhost:" + advertisedPort;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker; its data stays in the log directory. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Starts a stopped broker again, on the same ports and data. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + advertisedPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDirectory.toAbsolutePath().toString());
        // A single broker: every internal topic has one replica, and transactions need only that one in sync.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "4");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "4");
        config.put("min.insync.replicas", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose, with their partition count, by whoever publishes to them.
        config.put("auto.create.topics.enable", "false");
        config.put("log.retention.hours", "-1");
        return config;
    }

    private void formatIfNeeded() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            KafkaConfig kafkaConfig = new KafkaConfig(config(), false);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
                    .setDirectories(List.of(logDirectory.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create Kafka log directory " + logDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDirectory, e);
        }
    }
}
