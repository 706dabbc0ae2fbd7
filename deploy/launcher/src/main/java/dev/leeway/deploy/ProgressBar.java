package dev.leeway.deploy;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on a terminal, redrawn in place with a carriage return: a rebuild's state, a bar, events done of the
 * total, events per second and the time left. Rendering is pure; {@link #draw} only writes what changed.
 */
final class ProgressBar {

    static final int BAR_WIDTH = 30;

    private final PrintStream terminal;
    private String drawn = "";

    ProgressBar(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Redraws the line, blanking what a longer previous line left behind. */
    void draw(RebuildStatus status) {
        String line = render(status);
        if (line.equals(drawn)) {
            return;
        }
        terminal.print("\r" + line + " ".repeat(Math.max(0, drawn.length() - line.length())));
        terminal.flush();
        drawn = line;
    }

    /** Ends the line, so that whatever is printed next starts on a fresh one. */
    void finish() {
        if (!drawn.isEmpty()) {
            terminal.println();
            drawn = "";
        }
    }

    static String render(RebuildStatus status) {
        return String.format(Locale.ROOT, "%-14s %-11s %s %s / %s events  %s ev/s  ETA %s",
                status.projection(), status.state(), bar(status.eventsDone(), status.eventsTotal()),
                count(status.eventsDone()), count(status.eventsTotal()), count(Math.round(status.eventsPerSecond())),
                eta(status.etaSeconds()));
    }

    /** {@code [#########.....]  45%}; an unknown total (0) shows an empty bar. */
    static String bar(long done, long total) {
        double fraction = total <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) done / total));
        int filled = (int) Math.floor(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
    }

    /** Seconds left as m:ss, or h:mm:ss from an hour on; unknown (null) as --:--. */
    static String eta(Long seconds) {
        if (seconds == null) {
            return "--:--";
        }
        long left = Math.max(0, seconds);
        long hours = left / 3600;
        long minutes = left % 3600 / 60;
        long secs = left % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
