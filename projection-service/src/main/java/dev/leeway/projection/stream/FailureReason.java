package dev.leeway.projection.stream;

/**
 * The {@code reason} of a parked event, for operators: what failed, in one line, without a stack trace. Only the
 * first line of each message is kept: the database's detail lines can quote a whole row, personal text included.
 */
public final class FailureReason {

    public static final int MAX_LENGTH = 1000;
    private static final int MAX_MESSAGE = 450;

    private FailureReason() {
    }

    /** The deepest cause first (it names the actual problem), then the exception that reported it. */
    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == failure ? describe(failure) : describe(root) + " <- " + describe(failure);
        return truncate(reason, MAX_LENGTH);
    }

    public static String waitingBehind(long parkedId, long sequence) {
        return "waiting behind parked event " + parkedId + " (sequence " + sequence + ")";
    }

    public static String gap(long expected, long parked) {
        return "sequence gap: the read model expects event " + expected + " next; this is event " + parked;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getName();
        }
        int lineEnd = message.indexOf('\n');
        String firstLine = (lineEnd < 0 ? message : message.substring(0, lineEnd)).strip();
        return failure.getClass().getName() + ": " + truncate(firstLine, MAX_MESSAGE);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
