package dev.leeway.deploy;

/**
 * The options the standalone benches share: {@code [--events N] [--keep]}. N events of realistic history are
 * seeded into a throw-away store; {@code --keep} keeps its folder (data and logs) afterwards.
 */
record BenchOptions(long events, boolean keep) {

    static final long DEFAULT_EVENTS = 1_000_000;

    /** @throws IllegalArgumentException naming what is wrong, for the usage message */
    static BenchOptions parse(String[] args) {
        long events = DEFAULT_EVENTS;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep" -> keep = true;
                case "--events" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--events needs a number");
                    }
                    events = events(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new BenchOptions(events, keep);
    }

    /** 1000000, 1_000_000 and 1,000,000 alike. */
    private static long events(String value) {
        try {
            long events = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (events < 1) {
                throw new IllegalArgumentException("--events must be at least 1");
            }
            return events;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--events must be a number, not '" + value + "'");
        }
    }
}
