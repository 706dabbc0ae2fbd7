package dev.leeway.deploy;

import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.identity.Role;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/leeway up}: starts the local platform and keeps it running until Ctrl-C.
 * {@code deploy/leeway token --user <id> --roles <ROLE[,ROLE]>}: prints a bearer token the local platform accepts.
 * {@code deploy/leeway verify --db <url> | --bundle <file>}: proves an event store, or an export, intact or not.
 */
public final class Leeway {

    private static final String USAGE = """
            usage: deploy/leeway up
                   deploy/leeway token --user <id> --roles <ROLE[,ROLE...]> [--hours <n>]
                   deploy/leeway verify --db <jdbc-url> [--user <u>] [--password <p>] [--since <digest>]
                   deploy/leeway verify --bundle <export.ndjson>
                   deploy/leeway bench [--cases <n>] [--clients <n>]   (against a running local platform)
            roles: AGENT, SUPERVISOR, POLICY_OWNER, ANALYST, AUDITOR, ADMIN""";

    private Leeway() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "up" : args[0];
        Path root = Path.of(System.getProperty("leeway.root", ".")).toAbsolutePath().normalize();
        PlatformSettings settings = PlatformSettings.fromEnvironment(root, System.getenv());
        switch (command) {
            case "up" -> up(settings);
            case "token" -> token(settings, Arrays.copyOfRange(args, 1, args.length));
            case "verify" -> verify(Arrays.copyOfRange(args, 1, args.length));
            case "bench" -> bench(settings, Arrays.copyOfRange(args, 1, args.length));
            default -> fail(USAGE);
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
            Bench.run(settings, Integer.parseInt(options.getOrDefault("--cases", "500")),
                    Integer.parseInt(options.getOrDefault("--clients", "4")), System.out);
        } catch (Exception e) {
            System.err.println("Bench failed (is `deploy/leeway up` running?): " + e.getMessage());
            System.exit(1);
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
