package dev.leeway.deploy;

import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.identity.Role;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/leeway up}: starts the local platform and keeps it running until Ctrl-C.
 * {@code deploy/leeway token --user <id> --roles <ROLE[,ROLE]>}: prints a bearer token the local platform accepts.
 */
public final class Leeway {

    private static final String USAGE = """
            usage: deploy/leeway up
                   deploy/leeway token --user <id> --roles <ROLE[,ROLE...]> [--hours <n>]
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

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
