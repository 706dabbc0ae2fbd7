package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Auditors are entitled to personal text while the customer's key lives: sealed text in an event's JSON is
 * shown opened, or as {@link PersonalText#ERASED} once the key is destroyed. The stored event is not touched.
 */
@Component
class PersonalTextReveal {

    private final JdbcTemplate jdbc;

    PersonalTextReveal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    JsonNode reveal(JsonNode node) {
        return reveal(node, new HashMap<>());
    }

    private JsonNode reveal(JsonNode node, Map<String, byte[]> keys) {
        if (node instanceof ObjectNode object) {
            if (object.has("sealed") && object.has("keyId")) {
                return TextNode.valueOf(open(object.get("keyId").asText(), object.get("sealed").asText(), keys));
            }
            if (object.size() == 1 && object.has("plain")) {
                return object.get("plain");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(reveal(field.getValue(), keys));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, reveal(array.get(i), keys));
            }
        }
        return node;
    }

    private String open(String keyId, String sealed, Map<String, byte[]> keys) {
        byte[] key = keys.computeIfAbsent(keyId, id -> {
            List<byte[]> found = jdbc.query(
                    "SELECT key FROM event_store.customer_key WHERE key_id = ? AND key IS NOT NULL",
                    (row, n) -> row.getBytes("key"), id);
            return found.isEmpty() ? new byte[0] : found.get(0);
        });
        return key.length == 0 ? PersonalText.ERASED
                : PersonalDataCipher.open(key, keyId, sealed).orElse(PersonalText.ERASED);
    }
}
