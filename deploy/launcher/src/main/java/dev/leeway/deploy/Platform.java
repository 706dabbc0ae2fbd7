package dev.leeway.deploy;

import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.FreePorts;
import dev.leeway.infra.KafkaBroker;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.LocalTokens;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on one machine: PostgreSQL and Kafka (embedded unless external ones are configured), then
 * command-service, projection-service and query-service from their packaged jars. With
 * {@link PlatformSettings#instances()} above one, that many command-service and projection-service processes run
 * side by side (named {@code command-service-1}, …): the commands' port is a {@link LocalBalancer}'s in front of
 * the command-service instances, each projection-service instance joins the same consumer group, and query-service
 * stays one (it only reads).
 */
public final class Platform implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final PlatformSettings settings;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private KafkaBroker kafka;
    private LocalBalancer balancer;
    private Map<String, String> environment;

    private Platform(PlatformSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static Platform start(PlatformSettings settings, PrintStream out) {
        Platform platform = new Platform(settings, out);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The settings the services were started with: the embedded servers' addresses, or the external ones. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The embedded broker, so that tests can take Kafka away and bring it back. */
    public KafkaBroker kafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external to this platform");
        }
        return kafka;
    }

    public String commandUrl() {
        return "http://localhost:" + settings.commandPort();
    }

    public String queryUrl() {
        return "http://localhost:" + settings.queryPort();
    }

    public String projectionUrl() {
        return "http://localhost:" + settings.projectionPort();
    }

    private void startAll() {
        environment = new LinkedHashMap<>(settings.environment());
        if (!settings.externalPostgres()) {
            postgres = EmbeddedPostgresServer.startPersistent(settings.home().resolve("postgres"), settings.postgresPort());
            postgres.ensureDatabase(LocalInfrastructure.DATABASE);
            postgres.ensureDatabase(LocalInfrastructure.KEY_VAULT_DATABASE);
            environment.put("LEEWAY_DB_URL", postgres.jdbcUrl(LocalInfrastructure.DATABASE));
            environment.put("LEEWAY_KEY_VAULT_URL", postgres.jdbcUrl(LocalInfrastructure.KEY_VAULT_DATABASE));
            environment.put("LEEWAY_DB_ADMIN_USER", EmbeddedPostgresServer.SUPERUSER);
            environment.put("LEEWAY_DB_ADMIN_PASSWORD", "");
        }
        if (!settings.externalKafka()) {
            kafka = KafkaBroker.start(settings.home().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
            environment.put("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        // Tokens from `deploy/leeway token` are signed with this key; the services trust it under the local profile.
        LocalTokens tokens = LocalTokens.in(settings.keys());
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("LEEWAY_LOCAL_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
        environment.put("LEEWAY_COMMAND_PORT", Integer.toString(settings.commandPort()));
        environment.put("LEEWAY_QUERY_PORT", Integer.toString(settings.queryPort()));
        environment.put("LEEWAY_PROJECTION_PORT", Integer.toString(settings.projectionPort()));
        // Locally every request is traced and each finished span is a line in the services' logs (no collector
        // needed); set MANAGEMENT_OTLP_TRACING_ENDPOINT to send them to one as well.
        environment.putIfAbsent("LEEWAY_TRACING_SAMPLING", "1.0");
        environment.putIfAbsent("LEEWAY_TRACING_LOG_SPANS", "true");

        // Started together: each waits for what it needs (the query role appears with the read-model schema).
        if (settings.instances() == 1) {
            services.add(service("command-service", settings.commandPort()));
            services.add(service("projection-service", settings.projectionPort()));
        } else {
            List<Integer> commandPorts = new ArrayList<>();
            for (int i = 1; i <= settings.instances(); i++) {
                int port = FreePorts.next();
                commandPorts.add(port);
                services.add(service("command-service-" + i, port));
            }
            for (int i = 1; i <= settings.instances(); i++) {
                services.add(service("projection-service-" + i, i == 1 ? settings.projectionPort() : FreePorts.next()));
            }
            balancer = LocalBalancer.start(settings.commandPort(), commandPorts);
        }
        services.add(service("query-service", settings.queryPort()));
        for (ServiceProcess service : services) {
            service.awaitHealthy(START_TIMEOUT);
        }
        printSummary();
    }

    /** The names of the running services, e.g. {@code command-service-2}. */
    public List<String> serviceNames() {
        return services.stream().map(ServiceProcess::name).toList();
    }

    /** The process id of a running service: what Axon names a token's owner by ({@code pid@host}). */
    public long pid(String name) {
        return running(name).pid();
    }

    /** The address of one service instance itself (not the balancer's). */
    public String url(String name) {
        return running(name).url();
    }

    /** The embedded PostgreSQL stopped as {@code pg_ctl stop -m immediate} does: every backend ends at once. */
    public void crashPostgres() {
        embeddedPostgres().crash();
    }

    /** Starts the embedded PostgreSQL again (after {@link #crashPostgres}) on its data and port. */
    public void restartPostgres() {
        embeddedPostgres();
        postgres = EmbeddedPostgresServer.startPersistent(settings.home().resolve("postgres"), settings.postgresPort());
    }

    private EmbeddedPostgresServer embeddedPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is external to this platform");
        }
        return postgres;
    }

    /** kill -9 of one service's JVM: it ends at once, as in a crash, with nothing shut down gracefully. */
    public void crash(String name) {
        running(name).kill();
    }

    /** Starts a service again (after {@link #crash}) with the same settings, and waits until it is healthy. */
    public void restart(String name) {
        ServiceProcess old = running(name);
        old.stop();
        ServiceProcess started = service(name, old.port());
        services.set(services.indexOf(old), started);
        started.awaitHealthy(START_TIMEOUT);
    }

    /**
     * Every service started again (gracefully stopped first), one at a time, with {@code changes} made to their
     * settings: e.g. a database URL through a proxy. Later restarts keep the changes.
     */
    public void restartAllWith(Map<String, String> changes) {
        environment.putAll(changes);
        for (ServiceProcess service : List.copyOf(services)) {
            restart(service.name());
        }
    }

    private ServiceProcess running(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Instance {@code name} ({@code command-service} or {@code command-service-2}) of its service, on {@code port}. */
    private ServiceProcess service(String name, int port) {
        String service = name.replaceFirst("-\\d+$", "");
        Map<String, String> own = new LinkedHashMap<>(environment);
        own.put(switch (service) {
            case "command-service" -> "LEEWAY_COMMAND_PORT";
            case "projection-service" -> "LEEWAY_PROJECTION_PORT";
            case "query-service" -> "LEEWAY_QUERY_PORT";
            default -> throw new IllegalArgumentException("no service " + name);
        }, Integer.toString(port));
        own.put("LEEWAY_INSTANCE_ID", name);
        return ServiceProcess.start(name, settings.root().resolve(service).resolve("target").resolve(service + ".jar"),
                port, own, settings.logs());
    }

    private void printSummary() {
        out.println();
        out.println("Leeway is up. Data lives in " + settings.home() + " (delete it to start afresh).");
        out.printf("  %-18s %-48s %s%n", "PostgreSQL", environment.get("LEEWAY_DB_URL"),
                postgres != null ? "embedded" : "external");
        out.printf("  %-18s %-48s %s%n", "Kafka", environment.get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS"),
                kafka != null ? "embedded KRaft broker" : "external");
        for (ServiceProcess service : services) {
            out.printf("  %-18s %-48s log: %s%n", service.name(), service.url(), service.log());
        }
        if (balancer != null) {
            out.printf("  %-18s %-48s %s%n", "commands", commandUrl(), "local balancer over the "
                    + settings.instances() + " command-service instances");
        }
        out.println();
        out.println("Get a token:  TOKEN=$(deploy/leeway token --user alice --roles AGENT)");
        out.println("Open a case:  curl -i -X POST " + commandUrl() + "/cases -H \"Authorization: Bearer $TOKEN\" \\");
        out.println("                -H 'Content-Type: application/json' \\");
        out.println("                -d '{\"customerId\":\"C-1\",\"channel\":\"PHONE\",\"subject\":\"Late parcel\"}'");
        out.println("Read it:      curl -H \"Authorization: Bearer $TOKEN\" " + queryUrl() + "/cases/<caseId>");
        out.println("API docs:     " + commandUrl() + "/swagger-ui.html");
        out.println("Press Ctrl-C to stop everything.");
    }

    /** Stops the services, then Kafka, then PostgreSQL; data stays in the home folder. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        if (balancer != null) {
            balancer.close();
            balancer = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
