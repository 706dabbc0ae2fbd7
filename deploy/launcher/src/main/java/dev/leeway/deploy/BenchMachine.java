package dev.leeway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What a bench's figures were measured on, and how much memory a process took, from /proc (Linux). */
final class BenchMachine {

    private BenchMachine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal").map(BenchMachine::kilobytes)
                .orElse("unknown memory");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    /** {@code VmHWM} of a process: the most resident memory it ever had. */
    static String peakRss(long pid) {
        return firstValue(Path.of("/proc/" + pid + "/status"), "VmHWM").map(BenchMachine::kilobytes)
                .orElse("unknown (no /proc/" + pid + "/status)");
    }

    /** The value of the first {@code key: value} line of a /proc file. */
    static Optional<String> firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** "24567892 kB" as "23.4 GiB"; anything else as it came. */
    static String kilobytes(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equalsIgnoreCase("kB") || !parts[0].matches("\\d+")) {
            return value;
        }
        double kib = Long.parseLong(parts[0]);
        return kib >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f GiB", kib / (1024 * 1024))
                : String.format(Locale.ROOT, "%.0f MiB", kib / 1024);
    }
}
