package quantmini.core.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the configuration layers and resolves every key (DESIGN.md §5):
 * command line > environment > {@code <config_root>/pipeline_config.yaml} >
 * the {@code recommended:} section of {@code <config_root>/system_profile.yaml} > default.
 * Every layer is checked in full, also where a higher layer overrides it, so a wrong file is
 * reported even on a day it happens not to matter.
 */
public final class ConfigLoader {
    public static final String PIPELINE_CONFIG_FILE = "pipeline_config.yaml";
    public static final String SYSTEM_PROFILE_FILE = "system_profile.yaml";
    public static final String CREDENTIALS_FILE = "credentials.yaml";
    /** The section of system_profile.yaml that holds configuration values. */
    public static final String PROFILE_SECTION = "recommended";

    static final String SOURCE_VARIABLE = "QUANTMINI_SOURCE";
    private static final List<String> ACCESS_KEY_VARIABLES = List.of("POLYGON_S3_KEY", "MASSIVE_S3_KEY");
    private static final List<String> SECRET_VARIABLES = List.of("POLYGON_S3_SECRET", "MASSIVE_S3_SECRET");
    private static final String CREDENTIALS_ACCESS_KEY = "s3_access_key_id";
    private static final String CREDENTIALS_SECRET = "s3_secret_access_key";

    private final Path configRoot;
    private final Map<String, String> environment;

    /**
     * @param configRoot the folder with the YAML files; missing files are simply absent layers
     * @param environment the process environment (injected, so tests need not change the real one)
     */
    public ConfigLoader(Path configRoot, Map<String, String> environment) {
        this.configRoot = requireNonNull(configRoot, "configRoot is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /** The config folder: {@code CONFIG_ROOT} when set, else {@code config} in the working directory. */
    public static Path configRoot(Map<String, String> environment) {
        String configured = environment.get("CONFIG_ROOT");
        return configured == null || configured.isBlank() ? Path.of("config") : Path.of(configured);
    }

    /**
     * @param commandLine key name to raw value, set by command options such as {@code --data-root}
     * @throws ConfigException naming the origin, the key and the value of the first problem
     */
    public PipelineConfig load(Map<String, String> commandLine) {
        requireNonNull(commandLine, "commandLine is null");
        List<Map<String, Raw>> layers = List.of(
                layer(commandLine, "command line"),
                environmentLayer(),
                fileLayer(configRoot.resolve(PIPELINE_CONFIG_FILE), Optional.empty()),
                fileLayer(configRoot.resolve(SYSTEM_PROFILE_FILE), Optional.of(PROFILE_SECTION)));

        Map<String, PipelineConfig.Setting> settings = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            PipelineConfig.Setting winner = null;
            for (Map<String, Raw> layer : layers) {
                Raw raw = layer.get(key.name());
                if (raw == null || raw.value() == null || key.isAuto(raw.value())) {
                    continue;
                }
                Object value = parse(key, raw);
                if (winner == null) {
                    winner = new PipelineConfig.Setting(value, raw.origin());
                }
            }
            if (winner == null && key.defaultValue().isPresent()) {
                winner = new PipelineConfig.Setting(key.defaultValue().get(), "default");
            }
            if (winner != null) {
                settings.put(key.name(), winner);
            }
        }
        if (settings.get(ConfigKeys.SOURCE_KIND.name()).value() == SourceKind.LOCAL
                && !settings.containsKey(ConfigKeys.SOURCE_LOCAL_PATH.name())) {
            throw new ConfigException(settings.get(ConfigKeys.SOURCE_KIND.name()).origin()
                    + ": source.kind is local but source.local_path is not set");
        }
        return new PipelineConfig(settings, credentials());
    }

    /** A value and where it was written. */
    private record Raw(Object value, String origin) {}

    private static Object parse(ConfigKey<?> key, Raw raw) {
        try {
            return key.parse(raw.value());
        } catch (IllegalArgumentException e) {
            String orAuto = key.autoAllowed() ? " (or auto)" : "";
            throw new ConfigException(String.format("%s: %s: '%s' %s%s", raw.origin(), key.name(), raw.value(), e.getMessage(), orAuto));
        }
    }

    private static Map<String, Raw> layer(Map<String, String> values, String origin) {
        Map<String, Raw> layer = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            requireKnown(name, origin);
            layer.put(name, new Raw(value, origin));
        });
        return layer;
    }

    private Map<String, Raw> environmentLayer() {
        Map<String, Raw> layer = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            key.environmentVariable().ifPresent(variable -> {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    layer.put(key.name(), new Raw(value, "environment variable " + variable));
                }
            });
        }
        String source = environment.get(SOURCE_VARIABLE);
        if (source != null && !source.isBlank()) {
            String origin = "environment variable " + SOURCE_VARIABLE;
            if (source.startsWith("local:") && source.length() > "local:".length()) {
                layer.put(ConfigKeys.SOURCE_KIND.name(), new Raw("local", origin));
                layer.put(ConfigKeys.SOURCE_LOCAL_PATH.name(), new Raw(source.substring("local:".length()), origin));
            } else if (source.equals("s3")) {
                layer.put(ConfigKeys.SOURCE_KIND.name(), new Raw("s3", origin));
            } else {
                throw new ConfigException(String.format("%s: '%s' is neither s3 nor local:/path/to/folder", origin, source));
            }
        }
        return layer;
    }

    private Map<String, Raw> fileLayer(Path file, Optional<String> section) {
        Map<String, Raw> layer = new LinkedHashMap<>();
        Map<String, Object> document = readYaml(file);
        Object values = section.isPresent() ? document.get(section.get()) : document;
        if (values == null) {
            return layer;
        }
        String origin = file.toString();
        if (!(values instanceof Map)) {
            throw new ConfigException(origin + ": " + section.orElse("the file") + " is not a mapping of keys to values");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", (Map<?, ?>) values, flat);
        flat.forEach((name, value) -> {
            requireKnown(name, origin);
            layer.put(name, new Raw(value, origin));
        });
        return layer;
    }

    private Optional<S3Credentials> credentialsFromEnvironment() {
        String key = firstSet(ACCESS_KEY_VARIABLES);
        String secret = firstSet(SECRET_VARIABLES);
        if (key == null && secret == null) {
            return Optional.empty();
        }
        if (key == null || secret == null) {
            throw new ConfigException("environment: " + (key == null
                    ? "a secret is set but no access key (" + String.join(" or ", ACCESS_KEY_VARIABLES) + ")"
                    : "an access key is set but no secret (" + String.join(" or ", SECRET_VARIABLES) + ")"));
        }
        return Optional.of(new S3Credentials(key, secret));
    }

    private S3Credentials credentials() {
        Optional<S3Credentials> fromEnvironment = credentialsFromEnvironment();
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get();
        }
        Path file = configRoot.resolve(CREDENTIALS_FILE);
        Map<String, Object> document = readYaml(file);
        if (document.isEmpty()) {
            return null;
        }
        for (String name : document.keySet()) {
            if (!name.equals(CREDENTIALS_ACCESS_KEY) && !name.equals(CREDENTIALS_SECRET)) {
                // the value is not shown: it may be a secret typed under the wrong name
                throw new ConfigException(String.format("%s: unknown key '%s' (expected %s and %s)", file, name,
                        CREDENTIALS_ACCESS_KEY, CREDENTIALS_SECRET));
            }
        }
        Object key = document.get(CREDENTIALS_ACCESS_KEY);
        Object secret = document.get(CREDENTIALS_SECRET);
        if (!(key instanceof String) || ((String) key).isBlank() || !(secret instanceof String) || ((String) secret).isBlank()) {
            throw new ConfigException(String.format("%s: both %s and %s must be set to non-empty text", file,
                    CREDENTIALS_ACCESS_KEY, CREDENTIALS_SECRET));
        }
        return new S3Credentials((String) key, (String) secret);
    }

    private String firstSet(List<String> variables) {
        return variables.stream().map(environment::get).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static Map<String, Object> readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = yaml.load(reader);
            if (document == null) {
                return Map.of();
            }
            if (!(document instanceof Map)) {
                throw new ConfigException(file + ": expected a mapping of keys to values at the top level");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            ((Map<?, ?>) document).forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
            throw new ConfigException(file + ": not valid YAML" + where + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        map.forEach((k, v) -> {
            String name = prefix + k;
            if (v instanceof Map && !ConfigKeys.byName(name).isPresent()) {
                flatten(name + ".", (Map<?, ?>) v, into);
            } else {
                into.put(name, v);
            }
        });
    }

    private static void requireKnown(String name, String origin) {
        if (ConfigKeys.byName(name).isEmpty()) {
            String hint = closestKey(name).map(k -> " (did you mean '" + k + "'?)").orElse("");
            throw new ConfigException(String.format("%s: unknown key '%s'%s", origin, name, hint));
        }
    }

    static Optional<String> closestKey(String name) {
        return ConfigKeys.all().stream().map(ConfigKey::name)
                .min(Comparator.comparingInt(candidate -> editDistance(candidate, name)))
                .filter(candidate -> editDistance(candidate, name) <= Math.max(2, name.length() / 4));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
