package dev.leeway.command.web;

/**
 * The version a client last saw, from {@code If-Match: "7"}. A write whose version is stale is refused with
 * CONCURRENT_MODIFICATION and stores nothing; no header (or {@code *}) means "whatever the current version is".
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidRequestValue("If-Match", "must be the ETag of a case, e.g. \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
