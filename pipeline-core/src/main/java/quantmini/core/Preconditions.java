package quantmini.core;

/**
 * Argument and state checks at API boundaries, in the style of Guava's {@code Preconditions}
 * (which quantmini does not otherwise need). Messages use {@link String#format} placeholders.
 */
public final class Preconditions {
    private Preconditions() {}

    public static void checkArgument(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(messageFormat, args));
        }
    }

    public static void checkState(boolean condition, String messageFormat, Object... args) {
        if (!condition) {
            throw new IllegalStateException(String.format(messageFormat, args));
        }
    }
}
