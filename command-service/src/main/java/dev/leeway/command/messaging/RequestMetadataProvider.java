package dev.leeway.command.messaging;

import dev.leeway.kernel.messaging.MetadataKeys;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the request's metadata from a command to every event it causes, and records the command as the
 * events' cause. Replaces Axon's default provider, whose "correlationId" is the causing message's id.
 */
@Component
class RequestMetadataProvider implements CorrelationDataProvider {

    private static final String[] CARRIED = {
            MetadataKeys.ACTOR_ID, MetadataKeys.ACTOR_ROLES, MetadataKeys.CORRELATION_ID, MetadataKeys.CLIENT_APP,
            MetadataKeys.OCCURRED_AT, MetadataKeys.IMPORTED_BY, MetadataKeys.SOURCE_ID, MetadataKeys.TRACE_PARENT};

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : CARRIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
