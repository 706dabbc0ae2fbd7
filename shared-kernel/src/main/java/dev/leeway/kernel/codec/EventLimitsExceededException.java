package dev.leeway.kernel.codec;

/** A new event whose JSON would break the limits that stored events are written within; nothing was stored. */
public class EventLimitsExceededException extends IllegalArgumentException {

    public EventLimitsExceededException(String message) {
        super(message);
    }
}
