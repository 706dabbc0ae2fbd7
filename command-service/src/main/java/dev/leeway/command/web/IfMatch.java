package dev.leeway.command.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a client last saw, from {@code If-Match: "7"}. A write whose version is stale is refused with
 * CONCURRENT_MODIFICATION and stores nothing; no header (or {@code *}) means "whatever the current version is".
 */
public final class IfMatch {

    /** A version as an ETag, strong or weak, quoted or not; 18 digits always fit a long. */
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private IfMatch() {
    }

    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher tag = ETAG.matcher(header.strip());
        if (!tag.matches()) {
            throw new InvalidRequestValue("If-Match", "must be the ETag of a case, e.g. \"3\"");
        }
        return Long.parseLong(tag.group(1));
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
