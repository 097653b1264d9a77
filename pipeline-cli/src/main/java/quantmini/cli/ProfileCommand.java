package quantmini.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.config.ConfigLoader;
import quantmini.core.profile.SystemProfile;
import quantmini.core.profile.SystemProfileFormat;

/** {@code quantmini profile}: measure the machine, recommend a mode and limits, save them. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        header = "Measure this machine and recommend an ingest mode and limits.",
        description = {
            "",
            "Reads the CPU, the memory and the disk under the data root, then recommends",
            "  ingest mode  streaming under 32 GB of memory, batch from 32 to 64 GB,",
            "               parallel above",
            "  limits       memory budget, rows per chunk, worker threads, downloads",
            "",
            "The result is written to <config-root>/system_profile.yaml. Later runs read",
            "its 'recommended' section as configuration; pipeline_config.yaml, environment",
            "variables and options still override each value. Rerun after a hardware change.",
            ""
        })
final class ProfileCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the profile as JSON (for scripts) instead of text.")
    boolean json;

    @Option(names = "--no-write", negatable = false, description = "Only print; leave " + ConfigLoader.SYSTEM_PROFILE_FILE + " as it is.")
    boolean noWrite;

    @Override
    public Integer call() throws IOException {
        CommandContext context = parent.context();
        SystemProfile profile = context.profiler().profile(context.config().dataRoot());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? SystemProfileFormat.json(profile) + System.lineSeparator() : SystemProfileFormat.text(profile));
        if (!noWrite) {
            Path written = SystemProfileFormat.writeYaml(profile, context.configRoot());
            if (!json) {
                out.println("Written to " + written);
            }
        }
        out.flush();
        return 0;
    }
}
