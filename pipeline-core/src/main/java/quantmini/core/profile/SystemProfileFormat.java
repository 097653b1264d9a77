package quantmini.core.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import quantmini.core.config.ConfigLoader;
import quantmini.core.io.AtomicFiles;

/**
 * A system profile as {@code config/system_profile.yaml} (its {@code recommended:} section is a
 * configuration layer, see {@link ConfigLoader}), as JSON for machines, and as text for people.
 */
public final class SystemProfileFormat {
    private SystemProfileFormat() {}

    /** Writes {@code <configRoot>/system_profile.yaml} atomically and returns its path. */
    public static Path writeYaml(SystemProfile profile, Path configRoot) throws IOException {
        Path file = configRoot.resolve(ConfigLoader.SYSTEM_PROFILE_FILE);
        AtomicFiles.writeString(file, yaml(profile));
        return file;
    }

    public static String yaml(SystemProfile profile) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return "# Written by `quantmini profile`; rerun it when the machine changes.\n"
                + "# The 'recommended' section is read as configuration: config/pipeline_config.yaml,\n"
                + "# environment variables and command options override each of its values.\n"
                + new Yaml(options).dump(document(profile));
    }

    public static String json(SystemProfile profile) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document(profile));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few lines a person reads at a glance. */
    public static String text(SystemProfile profile) {
        HardwareFacts hw = profile.hardware();
        ResourceLimits limits = profile.recommended();
        return String.format(Locale.ROOT,
                "Machine%n"
                        + "  CPU            %s (%d physical / %d logical cores)%n"
                        + "  Memory         %.1f GB total, %.1f GB available%n"
                        + "  Disk           %s, %.1f GB free at the data root%n"
                        + "  System         %s, %s%s%n"
                        + "Recommended%n"
                        + "  Ingest mode    %s%n"
                        + "  Memory budget  %.1f GB%n"
                        + "  Rows per chunk %,d%n"
                        + "  Worker threads %d%n"
                        + "  Downloads      %d at a time%n",
                hw.cpuModel(), hw.physicalCores(), hw.logicalCores(),
                hw.totalMemoryBytes() / 1e9, hw.availableMemoryBytes() / 1e9,
                hw.diskKind(), hw.dataRootFreeBytes() / 1e9,
                hw.operatingSystem(), hw.architecture(), hw.appleSilicon() ? " (Apple Silicon)" : "",
                limits.mode().name().toLowerCase(Locale.ROOT), limits.memoryBudgetGb(), limits.chunkRows(),
                limits.workerThreads(), limits.concurrentDownloads());
    }

    private static Map<String, Object> document(SystemProfile profile) {
        HardwareFacts hw = profile.hardware();
        Map<String, Object> hardware = new LinkedHashMap<>();
        hardware.put("cpu_model", hw.cpuModel());
        hardware.put("physical_cores", hw.physicalCores());
        hardware.put("logical_cores", hw.logicalCores());
        hardware.put("total_memory_gb", roundGb(hw.totalMemoryBytes()));
        hardware.put("available_memory_gb", roundGb(hw.availableMemoryBytes()));
        hardware.put("disk_kind", hw.diskKind().name());
        hardware.put("data_root_free_gb", roundGb(hw.dataRootFreeBytes()));
        hardware.put("operating_system", hw.operatingSystem());
        hardware.put("architecture", hw.architecture());
        hardware.put("apple_silicon", hw.appleSilicon());

        ResourceLimits limits = profile.recommended();
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("mode", limits.mode().name().toLowerCase(Locale.ROOT));
        ingest.put("chunk_rows", limits.chunkRows());
        Map<String, Object> resourceLimits = new LinkedHashMap<>();
        resourceLimits.put("max_memory_gb", roundGb(limits.memoryBudgetBytes()));
        resourceLimits.put("worker_threads", limits.workerThreads());
        resourceLimits.put("concurrent_downloads", limits.concurrentDownloads());
        Map<String, Object> recommended = new LinkedHashMap<>();
        recommended.put("ingest", ingest);
        recommended.put("limits", resourceLimits);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("generated_at", profile.generatedAt().toString());
        document.put("hardware", hardware);
        document.put(ConfigLoader.PROFILE_SECTION, recommended);
        return document;
    }

    private static double roundGb(long bytes) {
        return Math.round(bytes / 1e8) / 10.0;
    }
}
