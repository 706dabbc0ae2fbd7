package dev.leeway.command.eventstore;

import dev.leeway.kernel.codec.EventJson;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The event store's serializer: writes as {@code delegate} does, then refuses (with
 * {@link dev.leeway.kernel.codec.EventLimitsExceededException}) any payload or metadata that breaks
 * {@link EventJson}'s limits, before it reaches the append-only store. The command fails and stores nothing.
 */
final class LimitCheckingSerializer implements Serializer {

    private final Serializer delegate;

    LimitCheckingSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        if (serialized.getData() instanceof String json) {
            EventJson.requireWithinLimits(serialized.getType().getName(), json);
        }
        return serialized;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(serializedObject);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
