package dev.leeway.deploy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/leeway up}: starts the local platform and keeps it running until Ctrl-C.
 */
public final class Leeway {

    private Leeway() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "up" : args[0];
        if (!command.equals("up")) {
            System.err.println("usage: deploy/leeway up");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("leeway.root", ".")).toAbsolutePath().normalize();
        PlatformSettings settings = PlatformSettings.fromEnvironment(root, System.getenv());
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
}
