package dev.leeway.deploy;

import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.identity.Role;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/leeway up [--instances <n>]}: starts the local platform and keeps it running until Ctrl-C; with
 * {@code --instances}, n command-service and n projection-service processes side by side.
 * {@code deploy/leeway token --user <id> --roles <ROLE[,ROLE]>}: prints a bearer token the local platform accepts.
 * {@code deploy/leeway verify --db <url> | --bundle <file>}: proves an event store, or an export, intact or not.
 * {@code deploy/leeway rebuild <projection>|--all}: rebuilds read models from the event store (see {@link RebuildCommand}).
 * {@code deploy/leeway bench [rebuild|analytics|throughput|lag|audit]}: measures the running platform, or on a
 * throw-away one of its own: rebuilds, analysts' questions, commands per second against raw PostgreSQL, lag,
 * verification and as-of state.
 */
public final class Leeway {

    private static final String USAGE = """
            usage: deploy/leeway up [--instances <n>]   (n command-service and projection-service processes, 1-8)
                   deploy/leeway token --user <id> --roles <ROLE[,ROLE...]> [--hours <n>]
                   deploy/leeway verify --db <jdbc-url> [--user <u>] [--password <p>] [--since <digest>]
                   deploy/leeway verify --bundle <export.ndjson>
                   deploy/leeway rebuild <projection>|--all [--dry-run] [--url <projection-service url>]
                   deploy/leeway bench [--cases <n>] [--clients <n>]   (against a running local platform)
                   deploy/leeway bench --rate <cases/s> [--seconds <n>]   (open loop, against a running platform)
                   deploy/leeway bench rebuild [--events <n>] [--keep]   (standalone: a throw-away store)
                   deploy/leeway bench analytics [--events <n>] [--keep]   (standalone: query-service's analytics)
                   deploy/leeway bench throughput [--seconds <n>] [--no-lag] [--keep]   (standalone: commands/s vs raw)
                   deploy/leeway bench lag --rate <cases/s> [--seconds <n>] [--keep]   (standalone: open loop)
                   deploy/leeway bench audit [--events <n>] [--keep]   (standalone: verification, as-of state)
            roles: AGENT, SUPERVISOR, POLICY_OWNER, ANALYST, AUDITOR, ADMIN""";

    private Leeway() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "up" : args[0];
        Path root = Path.of(System.getProperty("leeway.root", ".")).toAbsolutePath().normalize();
        PlatformSettings settings = PlatformSettings.fromEnvironment(root, System.getenv());
        switch (command) {
            case "up" -> up(withInstances(settings, Arrays.copyOfRange(args, 1, args.length)));
            case "token" -> token(settings, Arrays.copyOfRange(args, 1, args.length));
            case "verify" -> verify(Arrays.copyOfRange(args, 1, args.length));
            case "rebuild" -> rebuild(settings, Arrays.copyOfRange(args, 1, args.length));
            case "bench" -> {
                if (args.length > 1 && args[1].equals("rebuild")) {
                    rebuildBench(settings, Arrays.copyOfRange(args, 2, args.length));
                } else if (args.length > 1 && args[1].equals("analytics")) {
                    analyticsBench(settings, Arrays.copyOfRange(args, 2, args.length));
                } else if (args.length > 1 && args[1].equals("throughput")) {
                    throughputBench(settings, Arrays.copyOfRange(args, 2, args.length));
                } else if (args.length > 1 && args[1].equals("lag")) {
                    lagBench(settings, Arrays.copyOfRange(args, 2, args.length));
                } else if (args.length > 1 && args[1].equals("audit")) {
                    auditBench(settings, Arrays.copyOfRange(args, 2, args.length));
                } else {
                    bench(settings, Arrays.copyOfRange(args, 1, args.length));
                }
            }
            default -> fail(USAGE);
        }
    }

    /** {@code up}'s options: {@code --instances <n>}, or none. */
    static PlatformSettings withInstances(PlatformSettings settings, String[] args) {
        if (args.length == 0) {
            return settings;
        }
        if (args.length != 2 || !args[0].equals("--instances")) {
            fail(USAGE);
        }
        try {
            return settings.withInstances(Integer.parseInt(args[1]));
        } catch (IllegalArgumentException e) {
            fail("--instances takes a number from 1 to " + PlatformSettings.MAX_INSTANCES + ", not " + args[1]
                    + "\n" + USAGE);
            return settings;
        }
    }

    private static void up(PlatformSettings settings) throws InterruptedException {
        // Before any logger exists: the embedded servers log to a file, not over the summary.
        System.setProperty("leeway.logs", settings.logs().toString());
        System.out.println("Starting Leeway (first start initialises PostgreSQL and Kafka in " + settings.home() + ") ...");
        Platform platform;
        try {
            platform = Platform.start(settings, System.out);
        } catch (RuntimeException e) {
            System.err.println("Leeway did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Leeway ...");
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "leeway-shutdown"));
        stopped.await();
    }

    /** Local keys only: the services trust them under the local profile, which the launcher alone sets. */
    private static void token(PlatformSettings settings, String[] args) {
        String user = null;
        String roles = null;
        long hours = 8;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--user" -> user = args[i + 1];
                case "--roles" -> roles = args[i + 1];
                case "--hours" -> hours = Long.parseLong(args[i + 1]);
                default -> fail(USAGE);
            }
        }
        if (user == null || user.isBlank() || roles == null || roles.isBlank() || args.length % 2 != 0) {
            fail(USAGE);
        }
        List<String> roleNames = Arrays.stream(roles.split(",")).map(String::trim).toList();
        for (String role : roleNames) {
            if (Arrays.stream(Role.values()).noneMatch(known -> known.name().equals(role))) {
                fail("unknown role " + role + "\n" + USAGE);
            }
        }
        System.out.println(LocalTokens.in(settings.keys()).mint(user, roleNames, Duration.ofHours(hours)));
    }

    private static void bench(PlatformSettings settings, String[] args) {
        Map<String, String> options = options(args);
        try {
            if (options.containsKey("--rate")) {
                Bench.runAtRate(settings, Integer.parseInt(options.get("--rate")),
                        Integer.parseInt(options.getOrDefault("--seconds", "30")), System.out);
                return;
            }
            Bench.run(settings, Integer.parseInt(options.getOrDefault("--cases", "500")),
                    Integer.parseInt(options.getOrDefault("--clients", "4")), System.out);
        } catch (Exception e) {
            System.err.println("Bench failed (is `deploy/leeway up` running?): " + e.getMessage());
            System.exit(1);
        }
    }

    /** Exit 0 swapped (or a dry run found no difference), 1 a dry run found one, 2 failed or refused. */
    private static void rebuild(PlatformSettings settings, String[] args) throws InterruptedException {
        RebuildCommand.Arguments arguments;
        try {
            arguments = RebuildCommand.Arguments.parse(args, "http://localhost:" + settings.projectionPort());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + "\n" + USAGE);
            return;
        }
        // The same local key as `deploy/leeway token`: the local platform, and only it, accepts this token.
        String token = LocalTokens.in(settings.keys()).mint("leeway-rebuild", List.of(Role.ADMIN.name()),
                Duration.ofHours(8));
        System.err.println("Rebuilding on " + arguments.url() + " (Ctrl-C stops watching; the rebuild goes on).");
        System.exit(RebuildCommand.run(arguments, new ProjectionAdminClient(arguments.url(), token), System.out,
                System.err, RebuildCommand.POLL_EVERY));
    }

    private static void rebuildBench(PlatformSettings settings, String[] args) {
        BenchOptions options = benchOptions(args);
        standalone("Rebuild", () -> RebuildBench.run(settings.root(), options, System.out, System.err));
    }

    private static void throughputBench(PlatformSettings settings, String[] args) {
        ThroughputBench.Options options;
        try {
            options = ThroughputBench.Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + "\n" + USAGE);
            return;
        }
        standalone("Throughput", () -> ThroughputBench.run(settings.root(), options, System.out, System.err));
    }

    private static void lagBench(PlatformSettings settings, String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean keep = rest.remove("--keep");
        Map<String, String> options = options(rest.toArray(String[]::new));
        if (!options.containsKey("--rate") || !options.get("--rate").matches("\\d{1,5}")
                || !options.getOrDefault("--seconds", "30").matches("\\d{1,4}")) {
            fail("bench lag needs --rate <cases/s> (and takes --seconds <n>, --keep)\n" + USAGE);
        }
        standalone("Lag", () -> LagBench.run(settings.root(), Integer.parseInt(options.get("--rate")),
                Integer.parseInt(options.getOrDefault("--seconds", "30")), keep, System.out, System.err));
    }

    private static void auditBench(PlatformSettings settings, String[] args) {
        BenchOptions options = benchOptions(args);
        standalone("Audit", () -> AuditBench.run(settings.root(), options, System.out, System.err));
    }

    private static void analyticsBench(PlatformSettings settings, String[] args) {
        BenchOptions options = benchOptions(args);
        standalone("Analytics", () -> AnalyticsBench.run(settings.root(), options, System.out, System.err));
    }

    /** A bench that runs on a throw-away platform of its own. */
    @FunctionalInterface
    private interface StandaloneBench {
        void run() throws Exception;
    }

    /** Runs it and exits: 0 when it got to its end, 2 when it failed. */
    private static void standalone(String name, StandaloneBench bench) {
        try {
            bench.run();
            System.exit(0); // the in-process broker's threads would keep the JVM alive
        } catch (Exception e) {
            System.err.println(name + " bench failed: " + e);
            System.exit(2);
        }
    }

    private static BenchOptions benchOptions(String[] args) {
        try {
            return BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + "\n" + USAGE);
            throw e; // not reached: fail exits
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** Exit 0 when intact, 1 when broken, 2 on bad usage or when the store cannot be read. */
    private static void verify(String[] args) {
        Map<String, String> options = options(args);
        try {
            VerificationReport report;
            if (options.containsKey("--bundle")) {
                report = Verify.bundle(Path.of(options.get("--bundle")));
            } else if (options.containsKey("--db")) {
                report = Verify.database(options.get("--db"), options.getOrDefault("--user", "postgres"),
                        options.getOrDefault("--password", ""), options.get("--since"));
            } else {
                fail(USAGE);
                return;
            }
            Verify.print(report, System.out);
            System.exit(report.intact() ? 0 : 1);
        } catch (Exception e) {
            System.err.println("Could not verify: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
