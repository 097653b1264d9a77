package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import quantmini.cli.logging.LoggingSetup;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.ConfigLoader;
import quantmini.core.config.PipelineConfig;
import quantmini.core.profile.SystemProfiler;

/** {@code quantmini}: the top command, its global options, and how failures become exit codes. */
@Command(
        name = "quantmini",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Mirror Polygon.io flat files into a local Parquet + Qlib data lake.",
        description = {
            "",
            "quantmini copies the vendor's S3 flat files (US stocks and options, day",
            "and minute aggregates) into a lake under the data root:",
            "  landing (.csv.gz) -> bronze (Parquet) -> silver (features) -> gold (Qlib)",
            "",
            "Configuration, strongest first: command options, environment variables,",
            "config/pipeline_config.yaml, config/system_profile.yaml (written by",
            "'quantmini profile'), built-in defaults. docs/CONFIGURATION.md lists all.",
            ""
        },
        subcommands = {
            DailyCommand.class,
            BackfillCommand.class,
            DemoCommand.class,
            ProfileCommand.class,
            DownloadCommand.class,
            IngestCommand.class,
            FeaturesCommand.class,
            QlibCommand.class,
            CompactCommand.class,
            ArchiveCommand.class,
            ValidateCommand.class,
            QueryCommand.class,
            StatusCommand.class,
            SampleDataCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the job failed (data or remote error); the message names the file or date",
            "  2  usage or configuration error; the message names the option or key",
            "  3  another run holds the lock on the data root",
            "",
            "Start with: quantmini profile, then quantmini sample-data --help."
        })
public final class QuantminiCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(QuantminiCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of the lake (key data_root, variable DATA_ROOT; default ./data).")
    Path dataRoot;

    @Option(names = "--config-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of pipeline_config.yaml, system_profile.yaml and credentials.yaml "
                    + "(variable CONFIG_ROOT; default ./config).")
    Path configRoot;

    @Option(names = {"-D", "--set"}, scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "Set any configuration key for this run, e.g. -D ingest.mode=streaming. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log more (DEBUG); overrides logging.level and LOG_LEVEL.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log only warnings and errors; overrides logging.level and LOG_LEVEL.")
    boolean quiet;

    private final Map<String, String> environment;
    private CommandContext context;

    QuantminiCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /** The configured command line, with the exit-code mapping every command shares. */
    public static CommandLine commandLine(Map<String, String> environment) {
        QuantminiCommand top = new QuantminiCommand(environment);
        CommandLine commandLine = new CommandLine(top);
        commandLine.setExecutionExceptionHandler(QuantminiCommand::handleFailure);
        commandLine.setParameterExceptionHandler(QuantminiCommand::handleUsageError);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Loads the configuration and sets up logging on first use; every subcommand that does real
     * work calls this.
     */
    CommandContext context() {
        if (context == null) {
            Map<String, String> overrides = new LinkedHashMap<>(settings);
            if (dataRoot != null) {
                overrides.put(ConfigKeys.DATA_ROOT.name(), dataRoot.toString());
            }
            Path root = configRoot != null ? configRoot : ConfigLoader.configRoot(environment);
            PipelineConfig config = new ConfigLoader(root, environment).load(overrides);
            String level = verbose ? "DEBUG" : quiet ? "WARN" : config.require(ConfigKeys.LOGGING_LEVEL);
            LoggingSetup.apply(level, config.logRoot());
            context = new CommandContext(config, root, SystemProfiler.ofThisMachine());
        }
        return context;
    }

    /** A usage error is one line and a pointer to the help, not the whole help page. */
    private static int handleUsageError(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("quantmini: " + error.getMessage());
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE_OR_CONFIG.code();
    }

    private static int handleFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof QuantminiException) {
            QuantminiException known = (QuantminiException) failure;
            LOG.debug("command failed", known);
            err.println("quantmini: " + known.getMessage());
            err.flush();
            return known.exitCode().code();
        }
        LOG.error("unexpected failure", failure);
        err.println("quantmini: unexpected failure: " + failure + " (the log under logs/errors has the details)");
        err.flush();
        return ExitCode.JOB_FAILED.code();
    }
}
