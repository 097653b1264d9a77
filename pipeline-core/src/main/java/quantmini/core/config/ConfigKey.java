package quantmini.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import quantmini.core.Preconditions;

/**
 * One documented configuration key: its dotted name as written in
 * {@code config/pipeline_config.yaml}, how a raw value is parsed and checked, its default, and
 * the environment variable that overrides it, if any.
 *
 * <p>A key that allows {@code auto} means "let the system profile decide": a layer that says
 * {@code auto} defers to the layers below it, and {@link PipelineConfig#get} returns empty when
 * no layer names a value.
 */
public final class ConfigKey<T> {
    public static final String AUTO = "auto";

    private final String name;
    private final ValueParser<T> parser;
    private final T defaultValue;
    private final boolean autoAllowed;
    private final String environmentVariable;
    private final String description;

    private ConfigKey(String name, ValueParser<T> parser, T defaultValue, boolean autoAllowed,
            String environmentVariable, String description) {
        this.name = requireNonNull(name, "name is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.defaultValue = defaultValue;
        this.autoAllowed = autoAllowed;
        this.environmentVariable = environmentVariable;
        this.description = requireNonNull(description, "description is null");
        Preconditions.checkArgument(name.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*"), "bad key name: %s", name);
        Preconditions.checkArgument(autoAllowed || defaultValue != null, "key %s needs a default or auto", name);
    }

    /** A key with a fixed default. */
    public static <T> ConfigKey<T> of(String name, ValueParser<T> parser, T defaultValue, String description) {
        return new ConfigKey<>(name, parser, requireNonNull(defaultValue, "defaultValue is null"), false, null, description);
    }

    /** A key whose default is {@code auto}: the system profile recommends the value. */
    public static <T> ConfigKey<T> auto(String name, ValueParser<T> parser, String description) {
        return new ConfigKey<>(name, parser, null, true, null, description);
    }

    /** The same key, also read from an environment variable. */
    public ConfigKey<T> withEnvironmentVariable(String variable) {
        return new ConfigKey<>(name, parser, defaultValue, autoAllowed, requireNonNull(variable, "variable is null"), description);
    }

    public String name() {
        return name;
    }

    public boolean autoAllowed() {
        return autoAllowed;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    public String description() {
        return description;
    }

    /** True when {@code raw} is the word {@code auto} and this key allows it. */
    boolean isAuto(Object raw) {
        return autoAllowed && raw instanceof String && AUTO.equalsIgnoreCase(((String) raw).trim());
    }

    T parse(Object raw) {
        return parser.parse(raw);
    }

    @Override
    public String toString() {
        return name;
    }
}
