package dev.leeway.command.imports;

/** Counts of one import's lines by outcome: the report's last line and the progress log. */
final class ImportTally {

    private long imported;
    private long skipped;
    private long rejected;

    void count(LineResult.Status status) {
        switch (status) {
            case IMPORTED -> imported++;
            case SKIPPED -> skipped++;
            case REJECTED -> rejected++;
        }
    }

    long lines() {
        return imported + skipped + rejected;
    }

    Summary summary() {
        return new Summary(lines(), imported, skipped, rejected);
    }

    /** The last line of the report: {@code {"summary":{...}}}. */
    record SummaryLine(Summary summary) {
    }

    /** Cases read (blank lines are not counted), and what became of them. */
    record Summary(long lines, long imported, long skipped, long rejected) {

        /** For the progress log: counts only, never a source id or anything from a line. */
        @Override
        public String toString() {
            return lines + " cases read: " + imported + " imported, " + skipped + " skipped, " + rejected + " rejected";
        }
    }
}
