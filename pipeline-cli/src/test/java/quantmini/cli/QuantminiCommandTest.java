package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QuantminiCommandTest {
    @TempDir
    Path temp;

    private Path configRoot;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        configRoot = Files.createDirectories(temp.resolve("config"));
        cli = CliRunner.forLake(configRoot, temp.resolve("data"));
    }

    @Test
    void versionAndHelpNeedNoConfiguration() throws IOException {
        Files.writeString(configRoot.resolve("pipeline_config.yaml"), "not_a_key: 1\n");
        CliRunner.Result version = cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("quantmini "), version.out());
        CliRunner.Result help = cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Exit codes:"));
        assertTrue(help.out().contains("profile") && help.out().contains("sample-data"));
    }

    @Test
    void everyHelpPageFitsAnEightyColumnTerminal() {
        CommandLine commandLine = QuantminiCommand.commandLine(Map.of());
        for (CommandLine command : commandLine.getSubcommands().values()) {
            String usage = command.getUsageMessage();
            for (String line : usage.split("\\R")) {
                assertTrue(line.length() <= 80, command.getCommandName() + ": " + line);
            }
        }
    }

    @Test
    void aUsageErrorIsOneLineAndExitCode2() {
        CliRunner.Result result = cli.run("frobnicate");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("quantmini: Unmatched argument at index 0: 'frobnicate'"), result.err());
        assertEquals(2, result.err().lines().count(), "the error and a pointer to --help");
    }

    @Test
    void aBadConfigValueExits2NamingTheFileKeyAndValue() throws IOException {
        Files.writeString(configRoot.resolve("pipeline_config.yaml"), "ingest:\n  mode: fast\n");
        CliRunner.Result result = cli.run("profile", "--no-write");
        assertEquals(2, result.exitCode());
        assertEquals("quantmini: " + configRoot.resolve("pipeline_config.yaml") + ": ingest.mode: 'fast' is not one of "
                + "streaming, batch, parallel (or auto)", result.err().strip());
        Files.delete(configRoot.resolve("pipeline_config.yaml"));
        CliRunner.Result fromOption = cli.run("-D", "parquet.compression_level=99", "profile");
        assertEquals(2, fromOption.exitCode());
        assertTrue(fromOption.err().contains("command line: parquet.compression_level: '99' must be between 1 and 22"));
    }

    @Test
    void profileWritesAValidProfileWithAMode() throws IOException {
        CliRunner.Result result = cli.run("profile");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Ingest mode"), result.out());
        String yaml = Files.readString(configRoot.resolve("system_profile.yaml"));
        assertTrue(yaml.matches("(?s).*\\n    mode: (streaming|batch|parallel)\\n.*"), yaml);
        // the file it wrote is a valid configuration layer: a second run reads it back
        assertEquals(0, cli.run("profile", "--no-write").exitCode());
        assertTrue(Files.isRegularFile(temp.resolve("data/logs/pipeline/quantmini.log")), "daily log file under the data root");
        assertTrue(Files.isRegularFile(temp.resolve("data/logs/errors/errors.log")), "error log beside it");
    }

    @Test
    void profileJsonIsMachineReadable() throws IOException {
        CliRunner.Result result = cli.run("profile", "--json", "--no-write");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertTrue(json.at("/hardware/logical_cores").asInt() >= 1);
        assertTrue(json.at("/recommended/ingest/mode").asText().matches("streaming|batch|parallel"));
        assertFalse(Files.exists(configRoot.resolve("system_profile.yaml")), "--no-write writes nothing");
    }

    @Test
    void aCommandThatWritesTheLakeExits3WhileAnotherRunHoldsTheLock() throws IOException {
        try (quantmini.cli.run.RunLock held = quantmini.cli.run.RunLock.acquire(temp.resolve("data/.quantmini.lock"))) {
            CliRunner.Result result = cli.run("ingest", "--from", "2024-03-01", "--to", "2024-03-02");
            assertEquals(3, result.exitCode(), result.err());
            assertTrue(result.err().startsWith("quantmini: another run holds the lock"), result.err());
        }
        assertEquals(0, cli.run("ingest", "--from", "2024-03-01", "--to", "2024-03-02").exitCode(), "free again once released");
    }

    @Test
    void theCompletionScriptCoversTheCommands() {
        CliRunner.Result result = cli.run("generate-completion");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("complete -F _complete_quantmini"), "a bash/zsh completion function");
        assertTrue(result.out().contains("sample-data"));
    }
}
