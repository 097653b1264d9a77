package quantmini.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.ExitCode;

class ConfigLoaderTest {
    @TempDir
    Path configRoot;

    private PipelineConfig load(Map<String, String> environment, Map<String, String> commandLine) {
        return new ConfigLoader(configRoot, environment).load(commandLine);
    }

    private void write(String file, String yaml) throws IOException {
        Files.writeString(configRoot.resolve(file), yaml);
    }

    private ConfigException failure(Map<String, String> environment, Map<String, String> commandLine) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(environment, commandLine));
        assertEquals(ExitCode.USAGE_OR_CONFIG, e.exitCode());
        return e;
    }

    @Test
    void withNoFilesAndNoEnvironmentEveryKeyHasItsDefault() {
        PipelineConfig config = load(Map.of(), Map.of());
        assertEquals(Path.of("data").toAbsolutePath(), config.dataRoot());
        assertEquals(SourceKind.S3, config.require(ConfigKeys.SOURCE_KIND));
        assertEquals(URI.create("https://files.massive.com"), config.require(ConfigKeys.SOURCE_ENDPOINT));
        assertEquals("flatfiles", config.require(ConfigKeys.SOURCE_BUCKET));
        assertEquals(List.of(DataType.values()), config.require(ConfigKeys.DATA_TYPES));
        assertTrue(config.get(ConfigKeys.INGEST_MODE).isEmpty(), "mode is left to the profile");
        assertEquals("auto", config.originOf(ConfigKeys.INGEST_MODE));
        assertEquals("default", config.originOf(ConfigKeys.DATA_ROOT));
        assertEquals(config.dataRoot().resolve("logs"), config.logRoot());
        assertTrue(config.credentials().isEmpty());
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFileBeatsProfileBeatsDefault() throws IOException {
        write("system_profile.yaml", "hardware: {logical_cores: 2}\nrecommended:\n  ingest: {mode: streaming, chunk_rows: 100000}\n"
                + "  limits: {worker_threads: 2, concurrent_downloads: 4, max_memory_gb: 12.5}\n");
        write("pipeline_config.yaml", "ingest:\n  mode: batch\n  chunk_rows: 50000\nlimits:\n  worker_threads: 3\n");
        Map<String, String> environment = Map.of("PIPELINE_MODE", "parallel", "MAX_MEMORY_GB", "6");

        PipelineConfig config = load(environment, Map.of("ingest.mode", "streaming"));

        assertEquals(IngestMode.STREAMING, config.get(ConfigKeys.INGEST_MODE).orElseThrow());
        assertEquals("command line", config.originOf(ConfigKeys.INGEST_MODE));
        assertEquals(6.0, config.get(ConfigKeys.LIMITS_MAX_MEMORY_GB).orElseThrow());
        assertEquals("environment variable MAX_MEMORY_GB", config.originOf(ConfigKeys.LIMITS_MAX_MEMORY_GB));
        assertEquals(3, config.get(ConfigKeys.LIMITS_WORKER_THREADS).orElseThrow());
        assertEquals(configRoot.resolve("pipeline_config.yaml").toString(), config.originOf(ConfigKeys.LIMITS_WORKER_THREADS));
        assertEquals(4, config.get(ConfigKeys.LIMITS_CONCURRENT_DOWNLOADS).orElseThrow());
        assertEquals(configRoot.resolve("system_profile.yaml").toString(), config.originOf(ConfigKeys.LIMITS_CONCURRENT_DOWNLOADS));
        assertEquals(3, config.require(ConfigKeys.PARQUET_COMPRESSION_LEVEL));
        assertEquals("default", config.originOf(ConfigKeys.PARQUET_COMPRESSION_LEVEL));
    }

    @Test
    void autoInAStrongerLayerDefersToTheWeakerOnes() throws IOException {
        write("system_profile.yaml", "recommended:\n  ingest:\n    mode: batch\n");
        write("pipeline_config.yaml", "ingest:\n  mode: auto\n");
        PipelineConfig config = load(Map.of("PIPELINE_MODE", "AUTO"), Map.of());
        assertEquals(IngestMode.BATCH, config.get(ConfigKeys.INGEST_MODE).orElseThrow());
    }

    @Test
    void environmentVariablesOverrideTheirKeys() {
        PipelineConfig config = load(Map.of("DATA_ROOT", "/tmp/lake", "LOG_LEVEL", "debug", "LOG_ROOT", "/tmp/logs",
                "POLYGON_S3_ENDPOINT", "http://127.0.0.1:9000", "POLYGON_S3_BUCKET", "mirror"), Map.of());
        assertEquals(Path.of("/tmp/lake"), config.dataRoot());
        assertEquals("DEBUG", config.require(ConfigKeys.LOGGING_LEVEL));
        assertEquals(Path.of("/tmp/logs"), config.logRoot());
        assertEquals(URI.create("http://127.0.0.1:9000"), config.require(ConfigKeys.SOURCE_ENDPOINT));
        assertEquals("mirror", config.require(ConfigKeys.SOURCE_BUCKET));
    }

    @Test
    void quantminiSourceSelectsALocalFolder() {
        PipelineConfig config = load(Map.of("QUANTMINI_SOURCE", "local:/srv/flatfiles"), Map.of());
        assertEquals(SourceKind.LOCAL, config.require(ConfigKeys.SOURCE_KIND));
        assertEquals(Path.of("/srv/flatfiles"), config.get(ConfigKeys.SOURCE_LOCAL_PATH).orElseThrow());
        assertTrue(failure(Map.of("QUANTMINI_SOURCE", "ftp://x"), Map.of()).getMessage()
                .contains("environment variable QUANTMINI_SOURCE: 'ftp://x' is neither s3 nor local:"));
    }

    @Test
    void aLocalSourceWithoutAFolderIsAnError() {
        assertEquals("command line: source.kind is local but source.local_path is not set",
                failure(Map.of(), Map.of("source.kind", "local")).getMessage());
    }

    @Test
    void datesListsAndEnumsParseFromYaml() throws IOException {
        write("pipeline_config.yaml", "data_types: [stocks_daily, options_minute]\nearliest_dates:\n  stocks_daily: 2020-10-18\n"
                + "parquet:\n  compression: SNAPPY\nqlib:\n  minute_session: extended\n");
        PipelineConfig config = load(Map.of(), Map.of());
        assertEquals(List.of(DataType.STOCKS_DAILY, DataType.OPTIONS_MINUTE), config.require(ConfigKeys.DATA_TYPES));
        assertEquals(LocalDate.of(2020, 10, 18), config.require(ConfigKeys.EARLIEST_DATES.get(DataType.STOCKS_DAILY)));
        assertEquals(ParquetCompression.SNAPPY, config.require(ConfigKeys.PARQUET_COMPRESSION));
        assertEquals(MinuteSession.EXTENDED, config.require(ConfigKeys.QLIB_MINUTE_SESSION));
        assertEquals(List.of(DataType.STOCKS_DAILY, DataType.STOCKS_MINUTE),
                load(Map.of(), Map.of("data_types", "stocks_daily,stocks_minute")).require(ConfigKeys.DATA_TYPES));
    }

    @Test
    void anUnknownKeyNamesTheKeyTheFileAndTheClosestKnownKey() throws IOException {
        write("pipeline_config.yaml", "ingest:\n  mdoe: batch\n");
        assertEquals(configRoot.resolve("pipeline_config.yaml") + ": unknown key 'ingest.mdoe' (did you mean 'ingest.mode'?)",
                failure(Map.of(), Map.of()).getMessage());
        assertEquals("command line: unknown key 'colour'", failure(Map.of(), Map.of("colour", "red")).getMessage());
    }

    @Test
    void aWrongTypeNamesTheKeyTheValueAndTheFile() throws IOException {
        write("pipeline_config.yaml", "parquet:\n  row_group_rows: lots\n");
        assertEquals(configRoot.resolve("pipeline_config.yaml") + ": parquet.row_group_rows: 'lots' is not a whole number",
                failure(Map.of(), Map.of()).getMessage());
    }

    @Test
    void anImpossibleValueSaysWhatIsAllowed() {
        assertEquals("environment variable MAX_MEMORY_GB: limits.max_memory_gb: '-1' must be above 0.0 and at most 1048576.0 (or auto)",
                failure(Map.of("MAX_MEMORY_GB", "-1"), Map.of()).getMessage());
        assertEquals("environment variable PIPELINE_MODE: ingest.mode: 'fast' is not one of streaming, batch, parallel (or auto)",
                failure(Map.of("PIPELINE_MODE", "fast"), Map.of()).getMessage());
        assertEquals("command line: parquet.compression_level: '0' must be between 1 and 22",
                failure(Map.of(), Map.of("parquet.compression_level", "0")).getMessage());
        assertEquals("command line: data_types: 'stocks,options' has an element 'stocks' that unknown data type 'stocks' "
                + "(expected one of stocks_daily, stocks_minute, options_daily, options_minute)",
                failure(Map.of(), Map.of("data_types", "stocks,options")).getMessage());
        assertEquals("command line: source.endpoint: 'files.massive.com' is not an http(s) URL with a host",
                failure(Map.of(), Map.of("source.endpoint", "files.massive.com")).getMessage());
        assertEquals("command line: earliest_dates.options_daily: '2014-13-01' is not a date in the form YYYY-MM-DD",
                failure(Map.of(), Map.of("earliest_dates.options_daily", "2014-13-01")).getMessage());
    }

    @Test
    void aBadValueIsReportedEvenWhereAStrongerLayerOverridesIt() throws IOException {
        write("pipeline_config.yaml", "ingest:\n  mode: turbo\n");
        assertTrue(failure(Map.of("PIPELINE_MODE", "batch"), Map.of()).getMessage().contains("ingest.mode: 'turbo'"));
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws IOException {
        write("pipeline_config.yaml", "ingest:\n  mode: batch\n   chunk_rows: [\n");
        String message = failure(Map.of(), Map.of()).getMessage();
        assertTrue(message.startsWith(configRoot.resolve("pipeline_config.yaml") + ": not valid YAML at line"), message);
        write("pipeline_config.yaml", "- a\n- b\n");
        assertTrue(failure(Map.of(), Map.of()).getMessage().endsWith("expected a mapping of keys to values at the top level"));
        write("pipeline_config.yaml", "data_root: a\ndata_root: b\n");
        assertTrue(failure(Map.of(), Map.of()).getMessage().contains("not valid YAML"));
    }

    @Test
    void anUnknownKeyInTheProfilesRecommendationsIsAnErrorToo() throws IOException {
        write("system_profile.yaml", "recommended:\n  limits:\n    threads: 4\n");
        assertTrue(failure(Map.of(), Map.of()).getMessage().endsWith("system_profile.yaml: unknown key 'limits.threads'"));
    }

    @Test
    void credentialsComeFromTheEnvironmentBeforeTheFileAndNeverShowTheSecret() throws IOException {
        write("credentials.yaml", "s3_access_key_id: FILEKEY123\ns3_secret_access_key: file-secret\n");
        S3Credentials fromFile = load(Map.of(), Map.of()).credentials().orElseThrow();
        assertEquals("FILEKEY123", fromFile.accessKeyId());
        assertEquals("file-secret", fromFile.secretAccessKey());
        S3Credentials fromEnvironment = load(Map.of("MASSIVE_S3_KEY", "ENVKEY", "MASSIVE_S3_SECRET", "env-secret"), Map.of())
                .credentials().orElseThrow();
        assertEquals("ENVKEY", fromEnvironment.accessKeyId());
        assertFalse(fromEnvironment.toString().contains("env-secret"));
        assertFalse(fromEnvironment.toString().contains("ENVKEY"));
        assertEquals("ENVK****", fromEnvironment.maskedAccessKeyId());
    }

    @Test
    void halfSetCredentialsAreAnErrorThatShowsNoValue() throws IOException {
        String message = failure(Map.of("POLYGON_S3_SECRET", "top-secret"), Map.of()).getMessage();
        assertTrue(message.contains("a secret is set but no access key"), message);
        assertFalse(message.contains("top-secret"));
        write("credentials.yaml", "s3_secret_key: top-secret\n");
        message = failure(Map.of(), Map.of()).getMessage();
        assertTrue(message.contains("unknown key 's3_secret_key'"), message);
        assertFalse(message.contains("top-secret"));
    }

    @Test
    void theShippedConfigFileDocumentsEveryKeyAtItsDefault() throws IOException {
        Path shipped = Path.of("..", "config", "pipeline_config.yaml");
        Files.copy(shipped, configRoot.resolve("pipeline_config.yaml"));
        PipelineConfig fromFile = load(Map.of(), Map.of());
        PipelineConfig defaults = PipelineConfig.defaults();
        String text = Files.readString(shipped);
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertEquals(defaults.get(key), fromFile.get(key), key.name());
            String leaf = key.name().substring(key.name().lastIndexOf('.') + 1);
            assertTrue(text.contains(leaf + ":"), "pipeline_config.yaml documents " + key.name());
            key.environmentVariable().ifPresent(variable -> assertTrue(text.contains(variable), key + " names " + variable));
        }
        String reference = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertTrue(reference.contains("`" + key.name() + "`"), "docs/CONFIGURATION.md documents " + key.name());
        }
    }
}
