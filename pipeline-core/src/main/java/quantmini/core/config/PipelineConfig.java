package quantmini.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import quantmini.core.Preconditions;

/**
 * The resolved configuration: for every key, the value of the layer that wins (command line >
 * environment > {@code pipeline_config.yaml} > {@code system_profile.yaml} > default) and where it
 * came from. Immutable; build it with {@link ConfigLoader}.
 */
public final class PipelineConfig {
    /** What a key resolved to, and from where ("config/pipeline_config.yaml", "environment variable DATA_ROOT"). */
    public record Setting(Object value, String origin) {
        public Setting {
            requireNonNull(origin, "origin is null");
        }
    }

    private final Map<String, Setting> settings;
    private final S3Credentials credentials;

    PipelineConfig(Map<String, Setting> settings, S3Credentials credentials) {
        this.settings = Map.copyOf(settings);
        this.credentials = credentials;
    }

    /** Every key at its default: what a machine with no config folder and no environment sees. */
    public static PipelineConfig defaults() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            key.defaultValue().ifPresent(value -> settings.put(key.name(), new Setting(value, "default")));
        }
        return new PipelineConfig(settings, null);
    }

    /** The value, or empty when the key is {@code auto} in every layer. */
    public <T> Optional<T> get(ConfigKey<T> key) {
        Setting setting = settings.get(key.name());
        @SuppressWarnings("unchecked")
        T value = setting == null ? null : (T) setting.value();
        return Optional.ofNullable(value);
    }

    /** The value of a key that has a default, so it is never empty. */
    public <T> T require(ConfigKey<T> key) {
        Preconditions.checkArgument(!key.autoAllowed(), "key %s may be auto; use get()", key);
        return get(key).orElseThrow();
    }

    /** Where the key's value came from, or "auto" when no layer set it. */
    public String originOf(ConfigKey<?> key) {
        Setting setting = settings.get(key.name());
        return setting == null ? ConfigKey.AUTO : setting.origin();
    }

    public Optional<S3Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public Path dataRoot() {
        return require(ConfigKeys.DATA_ROOT).toAbsolutePath().normalize();
    }

    /** {@code logging.log_root}, or {@code <data_root>/logs} when auto. */
    public Path logRoot() {
        return get(ConfigKeys.LOGGING_LOG_ROOT).map(path -> path.toAbsolutePath().normalize())
                .orElseGet(() -> dataRoot().resolve("logs"));
    }

    /** A copy with one key set, as if from the command line; for commands that pin a value. */
    public <T> PipelineConfig with(ConfigKey<T> key, T value, String origin) {
        Map<String, Setting> copy = new LinkedHashMap<>(settings);
        copy.put(key.name(), new Setting(requireNonNull(value, "value is null"), origin));
        return new PipelineConfig(copy, credentials);
    }
}
