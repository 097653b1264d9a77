package quantmini.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;

/** {@code quantmini sample-data}: deterministic Polygon-like flat files, no credentials needed. */
@Command(
        name = "sample-data",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Generate Polygon-like flat files (.csv.gz) in the bucket's key layout.",
        description = {
            "",
            "Writes one file per trading day and data type under --out, at the key the",
            "vendor uses (us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv.gz), so the",
            "folder serves as a local source (QUANTMINI_SOURCE=local:DIR) or can be",
            "uploaded to a test S3 server. Weekends and exchange holidays have no file.",
            "The same options always give the same bytes. Tickers include BRK.A, CON,",
            "PRN and case twins such as ADSw / ADSW.",
            ""
        })
final class SampleDataCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First date, YYYY-MM-DD (2000-01-03 or later).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date, YYYY-MM-DD (default: --from).")
    LocalDate to;

    @Option(names = "--tickers", paramLabel = "N", defaultValue = "60",
            description = "Stock tickers in the universe (default: ${DEFAULT-VALUE}).")
    int tickers;

    @Option(names = "--minute-activity", paramLabel = "F", defaultValue = "0.3",
            description = {"Share of regular-session minutes a liquid ticker trades in, above 0",
                "and at most 1 (default: ${DEFAULT-VALUE}). 5000 tickers at 1.0 make about",
                "1.9 million stock minute rows a day, like the vendor's files."})
    double minuteActivity;

    @Option(names = "--option-underlyings", paramLabel = "N", defaultValue = "4",
            description = "Underlyings with option chains (default: ${DEFAULT-VALUE}).")
    int optionUnderlyings;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = "Comma-separated data types (default: all of stocks_daily, stocks_minute, options_daily, options_minute).")
    List<DataType> dataTypes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + FixtureSpec.DEFAULT_SEED,
            description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        LocalDate last = to == null ? from : to;
        if (last.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + last + " is before --from " + from);
        }
        if (tickers < 1 || optionUnderlyings < 0 || !(minuteActivity > 0 && minuteActivity <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--tickers must be at least 1, --option-underlyings at least 0, --minute-activity in (0, 1]");
        }
        List<DataType> types = dataTypes == null || dataTypes.isEmpty() ? List.of(DataType.values()) : dataTypes;
        FixtureSpec fixture = FixtureSpec.small().withSeed(seed).withStockTickers(tickers).withOptionUnderlyings(optionUnderlyings)
                .withMinuteActivity(minuteActivity);
        if (optionUnderlyings == 0 && types.stream().anyMatch(DataType::isOptions)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "options data types need --option-underlyings of at least 1");
        }
        long started = System.nanoTime();
        List<GeneratedFile> files;
        try {
            files = new FlatFileGenerator(fixture).writeRange(out, types, from, last);
        } catch (IllegalArgumentException e) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "sample-data: " + e.getMessage());
        }
        long rows = files.stream().mapToLong(GeneratedFile::rows).sum();
        long bytes = 0;
        for (GeneratedFile file : files) {
            bytes += Files.size(file.path());
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf("Wrote %d files, %,d rows, %.1f MB in %.1f s under %s%n", files.size(), rows, bytes / 1e6,
                (System.nanoTime() - started) / 1e9, out.toAbsolutePath().normalize());
        if (files.isEmpty()) {
            console.println("No trading day between " + from + " and " + last + ": nothing to write.");
        }
        console.flush();
        return 0;
    }
}
