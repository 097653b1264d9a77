package quantmini.core.config;

/**
 * Turns a raw value (from YAML: String, Number, Boolean, List, Date; from the environment or
 * command line: String) into a typed one.
 */
@FunctionalInterface
public interface ValueParser<T> {
    /**
     * @throws IllegalArgumentException with a reason that completes "key: 'value' ..." — e.g.
     *     "is not a whole number" or "must be between 1 and 22"
     */
    T parse(Object raw);
}
