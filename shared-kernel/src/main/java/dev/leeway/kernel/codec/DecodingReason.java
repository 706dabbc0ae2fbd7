package dev.leeway.kernel.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Why Jackson could not map a payload, and where in the record, without the payload. Jackson quotes offending
 * values and value objects name them in their messages, and any of them may be personal text, which must not
 * reach logs or problem details: every string of the payload and every quoted value are left out.
 */
final class DecodingReason {

    private static final int MAX_LENGTH = 300;
    /** Shorter strings (a currency, a one-letter id) are no one's personal data, and hiding them garbles reasons. */
    private static final int MIN_HIDDEN_TEXT = 4;
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private DecodingReason() {
    }

    static String of(IOException e, String json, ObjectReader trees) {
        String reason = e instanceof JsonProcessingException mapping ? mapping.getOriginalMessage() : e.getMessage();
        reason = reason == null ? e.getClass().getSimpleName() : QUOTED.matcher(reason).replaceAll("\"...\"");
        for (String text : textsOf(json, trees)) {
            reason = reason.replace(text, "...");
        }
        if (reason.length() > MAX_LENGTH) {
            reason = reason.substring(0, MAX_LENGTH) + "...";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            reason += " (at " + mapping.getPathReference() + ")";
        }
        return reason;
    }

    /** The payload's string values long enough to matter, longest first; none when it is not JSON at all. */
    private static List<String> textsOf(String json, ObjectReader trees) {
        List<String> texts = new ArrayList<>();
        try {
            Deque<JsonNode> pending = new ArrayDeque<>();
            JsonNode root = trees.readTree(json);
            if (root != null) {
                pending.push(root);
            }
            while (!pending.isEmpty()) {
                JsonNode node = pending.pop();
                if (node.isTextual() && node.textValue().length() >= MIN_HIDDEN_TEXT) {
                    texts.add(node.textValue());
                }
                node.elements().forEachRemaining(pending::push);
            }
        } catch (JsonProcessingException notJson) {
            // The parser's reason quotes the token it stopped at, which QUOTED leaves out.
        }
        texts.sort(Comparator.comparingInt(String::length).reversed());
        return texts;
    }
}
