package dev.leeway.command.web;

/** A request value that passed the request's shape checks but is not a valid value (a currency, a code, ...). */
public class InvalidRequestValue extends RuntimeException {

    private final String field;

    public InvalidRequestValue(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Converts with {@code conversion}, reporting its IllegalArgumentException against {@code field}. */
    public static <T> T convert(String field, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestValue(field, e.getMessage());
        }
    }
}
