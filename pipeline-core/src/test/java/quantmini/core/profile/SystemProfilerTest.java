package quantmini.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.ConfigLoader;
import quantmini.core.config.IngestMode;
import quantmini.core.config.PipelineConfig;

class SystemProfilerTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path temp;

    @Test
    void theWrittenProfileIsReadBackAsTheWeakestConfigurationLayer() throws IOException {
        HardwareFacts hardware = ProfileRecommenderTest.machine(48 * GIB, 12);
        SystemProfiler profiler = new SystemProfiler(dataRoot -> hardware, new ProfileRecommender(),
                Clock.fixed(Instant.parse("2026-11-27T06:00:00Z"), ZoneOffset.UTC));
        SystemProfile profile = profiler.profile(temp.resolve("data"));

        Path file = SystemProfileFormat.writeYaml(profile, temp);

        assertEquals(temp.resolve("system_profile.yaml"), file);
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
        String yaml = Files.readString(file);
        assertTrue(yaml.contains("mode: batch"), yaml);
        assertTrue(yaml.contains("generated_at: '2026-11-27T06:00:00Z'"), yaml);
        PipelineConfig config = new ConfigLoader(temp, Map.of()).load(Map.of());
        assertEquals(IngestMode.BATCH, config.get(ConfigKeys.INGEST_MODE).orElseThrow());
        assertEquals(12, config.get(ConfigKeys.LIMITS_WORKER_THREADS).orElseThrow());
        ResourceLimits limits = ResourceLimits.configured(config).orElseThrow();
        assertEquals(profile.recommended().mode(), limits.mode());
        assertEquals(profile.recommended().memoryBudgetBytes() / 1e9, limits.memoryBudgetBytes() / 1e9, 0.05);
    }

    @Test
    void configurationOverridesTheRecommendationValueByValue() {
        ResourceLimits recommended = new ProfileRecommender().recommend(ProfileRecommenderTest.machine(16 * GIB, 8));
        PipelineConfig config = PipelineConfig.defaults().with(ConfigKeys.INGEST_MODE, IngestMode.PARALLEL, "test")
                .with(ConfigKeys.LIMITS_MAX_MEMORY_GB, 2.0, "test");
        ResourceLimits limits = recommended.overriddenBy(config);
        assertEquals(new ResourceLimits(IngestMode.PARALLEL, 2_000_000_000L, recommended.chunkRows(),
                recommended.workerThreads(), recommended.concurrentDownloads()), limits);
        assertTrue(ResourceLimits.configured(config).isEmpty(), "chunk rows and threads are still left to the profile");
    }

    @Test
    void jsonAndTextNameTheModeAndTheMachine() {
        SystemProfile profile = new SystemProfiler(dataRoot -> ProfileRecommenderTest.machine(16 * GIB, 8),
                new ProfileRecommender(), Clock.systemUTC()).profile(temp);
        assertTrue(SystemProfileFormat.json(profile).contains("\"mode\" : \"streaming\""));
        String text = SystemProfileFormat.text(profile);
        assertTrue(text.contains("Ingest mode    streaming"), text);
        assertTrue(text.contains("test cpu (8 physical / 8 logical cores)"), text);
    }

    @Test
    void theRealMachineGivesPlausibleFigures() {
        HardwareFacts facts = new OshiHardwareProbe().probe(temp.resolve("not-yet-created"));
        assertTrue(facts.logicalCores() >= 1);
        assertTrue(facts.totalMemoryBytes() > 256L << 20, "more than 256 MB");
        assertTrue(facts.availableMemoryBytes() <= facts.totalMemoryBytes());
        assertTrue(facts.dataRootFreeBytes() > 0, "free space measured at the nearest existing folder");
        assertTrue(!facts.operatingSystem().isBlank() && !facts.architecture().isBlank());
    }
}
