package dev.leeway.deploy;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local platform puts its data and which ports it uses. When {@code LEEWAY_DB_URL} or
 * {@code LEEWAY_KAFKA_BOOTSTRAP_SERVERS} is set, the platform uses that external server instead of starting one.
 * With more than one {@code instances}, that many command-service and projection-service processes run side by
 * side: the commands' port is then a local balancer's, and the projection port the first instance's.
 */
public record PlatformSettings(Path root,
                               Path home,
                               int postgresPort,
                               int kafkaPort,
                               int kafkaControllerPort,
                               int commandPort,
                               int queryPort,
                               int projectionPort,
                               Map<String, String> environment,
                               int instances) {

    public static final int MAX_INSTANCES = 8;

    public PlatformSettings {
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("instances must be 1 to " + MAX_INSTANCES + ", not " + instances);
        }
    }

    /** One instance of each service. */
    public PlatformSettings(Path root, Path home, int postgresPort, int kafkaPort, int kafkaControllerPort,
                            int commandPort, int queryPort, int projectionPort, Map<String, String> environment) {
        this(root, home, postgresPort, kafkaPort, kafkaControllerPort, commandPort, queryPort, projectionPort,
                environment, 1);
    }

    public PlatformSettings withInstances(int count) {
        return new PlatformSettings(root, home, postgresPort, kafkaPort, kafkaControllerPort, commandPort, queryPort,
                projectionPort, environment, count);
    }

    public static PlatformSettings fromEnvironment(Path root, Map<String, String> environment) {
        return new PlatformSettings(
                root,
                Path.of(environment.getOrDefault("LEEWAY_HOME", root.resolve(".leeway").toString())).toAbsolutePath(),
                port(environment, "LEEWAY_POSTGRES_PORT", 54329),
                port(environment, "LEEWAY_KAFKA_PORT", 9092),
                port(environment, "LEEWAY_KAFKA_CONTROLLER_PORT", 9093),
                port(environment, "LEEWAY_COMMAND_PORT", 8081),
                port(environment, "LEEWAY_QUERY_PORT", 8082),
                port(environment, "LEEWAY_PROJECTION_PORT", 8083),
                Map.copyOf(environment));
    }

    boolean externalPostgres() {
        return environment.containsKey("LEEWAY_DB_URL");
    }

    boolean externalKafka() {
        return environment.containsKey("LEEWAY_KAFKA_BOOTSTRAP_SERVERS");
    }

    Path logs() {
        return home.resolve("logs");
    }

    /** The local token signing key pair. */
    Path keys() {
        return home.resolve("keys");
    }

    private static int port(Map<String, String> environment, String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
