package quantmini.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the quantmini command line in this JVM with a given environment, capturing its output. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {}

    private final Map<String, String> environment;

    CliRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A runner whose configuration folder and lake are the given folders, and nothing else set. */
    static CliRunner forLake(Path configRoot, Path dataRoot) {
        return new CliRunner(Map.of("CONFIG_ROOT", configRoot.toString(), "DATA_ROOT", dataRoot.toString()));
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = QuantminiCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
