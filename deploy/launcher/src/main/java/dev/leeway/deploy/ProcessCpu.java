package dev.leeway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time processes used between two snapshots, from /proc (Linux): named processes, and PostgreSQL as its
 * postmaster plus every backend it has forked. Reported as a percentage of one core (200% = both cores of a
 * two-core machine), so it reads like {@code top}. PostgreSQL's backends that exited in between are counted
 * through the postmaster's reaped-children time.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> processes;
    private final long postmaster;

    ProcessCpu(Map<String, Long> processes, long postmaster) {
        this.processes = new LinkedHashMap<>(processes);
        this.postmaster = postmaster;
    }

    record Snapshot(long nanos, Map<String, Long> ticks) {
    }

    /** CPU per process over an interval, in % of one core. */
    record Usage(Map<String, Double> percent) {

        String describe() {
            return percent.entrySet().stream().map(entry -> String.format(Locale.ROOT, "%s %.0f%%",
                    entry.getKey(), entry.getValue())).collect(Collectors.joining(", "));
        }
    }

    Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        processes.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        ticks.put("postgres", ticks(postmaster) + reapedChildrenTicks(postmaster) + childrenTicks(postmaster));
        return new Snapshot(System.nanoTime(), ticks);
    }

    Usage since(Snapshot before) {
        Snapshot now = snapshot();
        double seconds = (now.nanos() - before.nanos()) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        now.ticks().forEach((name, ticks) -> percent.put(shortName(name),
                100.0 * (ticks - before.ticks().getOrDefault(name, 0L)) / TICKS_PER_SECOND / seconds));
        return new Usage(percent);
    }

    /** "command-service" as "command", to keep table lines short. */
    private static String shortName(String name) {
        return name.replace("-service", "");
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat), 0 once it is gone. */
    static long ticks(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** cutime + cstime (fields 16 and 17): the CPU of children that have exited, such as closed backends. */
    private static long reapedChildrenTicks(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : Long.parseLong(fields[15]) + Long.parseLong(fields[16]);
    }

    private static long childrenTicks(long parent) {
        return children(parent).stream().mapToLong(ProcessCpu::ticks).sum();
    }

    /** The live processes whose parent is {@code parent} (PostgreSQL's backends, for its postmaster). */
    static List<Long> children(long parent) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(Long::parseLong).filter(pid -> {
                        String[] fields = stat(pid);
                        return fields != null && Long.parseLong(fields[3]) == parent;
                    }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Memory now, per process and in all, in MiB: the proportional set size (PSS, /proc/pid/smaps_rollup), which
     * splits shared pages among the processes sharing them, so PostgreSQL's shared buffers count once across its
     * backends and the parts add up to what the platform holds.
     */
    String memory() {
        Map<String, Long> kib = new LinkedHashMap<>();
        processes.forEach((name, pid) -> kib.put(shortName(name), pss(pid)));
        long postgres = pss(postmaster);
        for (long child : children(postmaster)) {
            postgres += pss(child);
        }
        kib.put("postgres", postgres);
        long total = kib.values().stream().mapToLong(Long::longValue).sum();
        return kib.entrySet().stream().map(entry -> String.format(Locale.ROOT, "%s %d", entry.getKey(),
                entry.getValue() / 1024)).collect(Collectors.joining(", ")) + String.format(Locale.ROOT,
                "; total %d MiB", total / 1024);
    }

    private static long pss(long pid) {
        return BenchMachine.firstValue(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss")
                .map(value -> Long.parseLong(value.replace("kB", "").trim())).orElse(0L);
    }

    /** The fields of /proc/pid/stat after the command name (which may hold spaces), numbered as in proc(5) - 1. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String afterName = line.substring(line.lastIndexOf(')') + 2);
            String[] rest = afterName.split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = Long.toString(pid);
            fields[1] = "(name)";
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
