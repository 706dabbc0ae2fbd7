package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leeway.kernel.privacy.KeyVaultReader;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Auditors are entitled to personal text while the customer's key lives: sealed text in an event's JSON is
 * shown opened, or as {@link PersonalText#ERASED} once the key is destroyed. The stored event is not touched.
 */
@Component
class PersonalTextReveal {

    private final KeyVaultReader keys;

    PersonalTextReveal(KeyVaultReader keys) {
        this.keys = keys;
    }

    JsonNode reveal(JsonNode node) {
        return reveal(node, keys.opener());
    }

    private JsonNode reveal(JsonNode node, Function<PersonalText, String> open) {
        if (node instanceof ObjectNode object) {
            if (object.has("sealed") && object.has("keyId")) {
                return TextNode.valueOf(open.apply(
                        PersonalText.sealed(object.get("keyId").asText(), object.get("sealed").asText())));
            }
            if (object.size() == 1 && object.has("plain")) {
                return object.get("plain");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(reveal(field.getValue(), open));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, reveal(array.get(i), open));
            }
        }
        return node;
    }
}
