package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.PipelineConfig;
import quantmini.core.profile.ResourceLimits;
import quantmini.core.profile.SystemProfiler;
import quantmini.storage.LakeLayout;

/**
 * What a command works with: the resolved configuration, the lake, and the run's resource
 * limits. Built once per process by {@link QuantminiCommand}, after option parsing, so
 * {@code --help} and {@code --version} never load configuration.
 */
public final class CommandContext {
    private final PipelineConfig config;
    private final Path configRoot;
    private final SystemProfiler profiler;
    private ResourceLimits limits;

    CommandContext(PipelineConfig config, Path configRoot, SystemProfiler profiler) {
        this.config = requireNonNull(config, "config is null");
        this.configRoot = requireNonNull(configRoot, "configRoot is null");
        this.profiler = requireNonNull(profiler, "profiler is null");
    }

    /** The same context with another configuration (a command that pins a value for its run). */
    CommandContext withConfig(PipelineConfig changed) {
        return new CommandContext(changed, configRoot, profiler);
    }

    /** {@code chosen} when the user named data types, else those of the {@code data_types} key. */
    List<DataType> typesOrConfigured(List<DataType> chosen) {
        return chosen == null || chosen.isEmpty() ? config.require(ConfigKeys.DATA_TYPES) : List.copyOf(chosen);
    }

    public PipelineConfig config() {
        return config;
    }

    public Path configRoot() {
        return configRoot;
    }

    public LakeLayout layout() {
        return new LakeLayout(config.dataRoot());
    }

    public SystemProfiler profiler() {
        return profiler;
    }

    /**
     * The limits this run uses: configured values where set, the profile's recommendation for
     * the rest. The machine is measured only when some limit is left to it.
     */
    public synchronized ResourceLimits limits() {
        if (limits == null) {
            limits = ResourceLimits.configured(config)
                    .orElseGet(() -> profiler.profile(config.dataRoot()).recommended().overriddenBy(config));
        }
        return limits;
    }
}
