package dev.leeway.deploy;

import dev.leeway.deploy.ProjectionAdminClient.AdminApiException;
import dev.leeway.deploy.ProjectionAdminClient.ProjectionStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code deploy/leeway rebuild <projection>|--all [--dry-run] [--url <projection-service>]}: asks projection-service
 * to rebuild read models from the event store, one after another, shows each one's progress and prints how the
 * rebuilt model compared with the live one.
 * <p>
 * Exit code: 0 every rebuild swapped (or, with {@code --dry-run}, found both equal); 1 a dry run found a difference;
 * 2 a rebuild failed, the service refused, or the usage was wrong.
 */
final class RebuildCommand {

    static final Duration POLL_EVERY = Duration.ofMillis(200);
    static final String USAGE = "deploy/leeway rebuild <projection>|--all [--dry-run] [--url <projection-service url>]";
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");

    private RebuildCommand() {
    }

    /** What to rebuild and where; {@code projection} is null with {@code --all}. */
    record Arguments(String projection, boolean dryRun, URI url) {

        boolean all() {
            return projection == null;
        }

        /** @throws IllegalArgumentException naming what is wrong, for the usage message */
        static Arguments parse(String[] args, String defaultUrl) {
            String projection = null;
            boolean all = false;
            boolean dryRun = false;
            String url = defaultUrl;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--all" -> all = true;
                    case "--dry-run" -> dryRun = true;
                    case "--url" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--url needs a value");
                        }
                        url = args[++i];
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        if (projection != null) {
                            throw new IllegalArgumentException("one projection at a time, or --all");
                        }
                        projection = args[i];
                    }
                }
            }
            if (all == (projection != null)) {
                throw new IllegalArgumentException("name a projection, or --all");
            }
            if (!HTTP_URL.matcher(url).matches()) {
                throw new IllegalArgumentException("--url must be an http(s) URL, not '" + url + "'");
            }
            return new Arguments(projection, dryRun, URI.create(url));
        }
    }

    /**
     * Runs the rebuilds and answers the exit code. Results go to {@code out}; the progress bar and refusals to
     * {@code terminal}.
     */
    static int run(Arguments arguments, ProjectionAdminClient client, PrintStream out, PrintStream terminal,
                   Duration pollEvery) throws InterruptedException {
        List<String> projections;
        try {
            projections = arguments.all() ? client.projections().stream().map(ProjectionStatus::name).toList()
                    : List.of(arguments.projection());
        } catch (AdminApiException e) {
            terminal.println("Could not list the projections: " + e.describe());
            return 2;
        } catch (IOException e) {
            terminal.println(unreachable(client, e));
            return 2;
        }
        if (projections.isEmpty()) {
            terminal.println("projection-service at " + client.base() + " lists no projections.");
            return 2;
        }
        int exit = 0;
        for (String projection : projections) {
            try {
                RebuildStatus last = follow(client, projection, arguments.dryRun(), new ProgressBar(terminal), pollEvery);
                describe(last).forEach(out::println);
                exit = Math.max(exit, last.exitCode());
            } catch (AdminApiException e) {
                terminal.println(projection + ": " + e.describe());
                exit = 2;
            } catch (IOException e) {
                terminal.println(unreachable(client, e));
                return 2; // the service is gone: the next projections would fail the same way
            }
        }
        return exit;
    }

    /** Starts a rebuild and polls it to its end, drawing its progress. */
    static RebuildStatus follow(ProjectionAdminClient client, String projection, boolean dryRun, ProgressBar bar,
                                Duration pollEvery) throws IOException, InterruptedException, AdminApiException {
        RebuildStatus status = client.startRebuild(projection, dryRun);
        try {
            while (!status.finished()) {
                bar.draw(status);
                Thread.sleep(pollEvery.toMillis());
                status = client.rebuild(projection);
            }
            bar.draw(status);
            return status;
        } finally {
            bar.finish();
        }
    }

    /** The outcome in a few lines: the verdict, then the comparison per table when there was one. */
    static List<String> describe(RebuildStatus status) {
        List<String> lines = new ArrayList<>();
        String took = status.elapsed().map(RebuildCommand::seconds).orElse("?");
        String events = ProgressBar.count(status.eventsDone()) + " events in " + took + " s ("
                + ProgressBar.count(Math.round(status.eventsPerSecond())) + " events/s)";
        lines.add(status.projection() + ": " + switch (String.valueOf(status.state())) {
            case RebuildStatus.SWAPPED -> "rebuilt and swapped in, " + events;
            case RebuildStatus.SAME -> "dry run, the rebuilt read model equals the live one, " + events;
            case RebuildStatus.DIFFERENT -> "dry run, the rebuilt read model DIFFERS from the live one (nothing "
                    + "swapped), " + events;
            case RebuildStatus.FAILED -> "rebuild FAILED after " + events + ": "
                    + (status.error() == null ? "no reason given" : status.error());
            default -> "ended in unknown state " + status.state();
        });
        if (status.diff() != null && !status.diff().tables().isEmpty()) {
            int width = Math.max(5, status.diff().tables().stream().mapToInt(t -> t.table().length()).max().orElse(5));
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s %12s %12s %10s", "table", "live rows",
                    "shadow rows", "differing"));
            for (RebuildStatus.TableDiff table : status.diff().tables()) {
                String line = String.format(Locale.ROOT, "  %-" + width + "s %12s %12s %10s", table.table(),
                        ProgressBar.count(table.liveRows()), ProgressBar.count(table.shadowRows()),
                        ProgressBar.count(table.differing()));
                if (!table.firstDifferingKeys().isEmpty()) {
                    line += "  first: " + String.join(", ", table.firstDifferingKeys());
                }
                lines.add(line);
            }
        }
        return lines;
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }

    private static String unreachable(ProjectionAdminClient client, IOException e) {
        return "projection-service at " + client.base() + " did not answer (is `deploy/leeway up` running?): "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
