package quantmini.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.storage.ArchivedPartition;
import quantmini.storage.OptionsArchiver;

/** {@code quantmini archive}: moves expired options months out of the live lake, and back. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Move options months whose contracts have all expired into archive/.",
        description = {
            "",
            "With --expired-options, moves each bronze and silver options_daily and",
            "options_minute month folder whose latest contract expiration (DuckDB",
            "max(expiration)) is before the cutoff to archive/<layer>/<type>/year=YYYY/",
            "month=MM/, with a manifest archive/<layer>-<type>-YYYY-MM.json (files, sizes,",
            "rows, latest expiration, when). Files are moved, not rewritten: --restore",
            "YYYY-MM puts the same bytes back. Running either again does nothing more; a",
            "killed run is finished by the next.",
            ""
        })
final class ArchiveCommand implements Callable<Integer> {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int DEFAULT_DAYS = 30;

    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--expired-options", description = "Archive options months whose contracts all expired before the cutoff.")
    boolean expiredOptions;

    @Option(names = "--before", paramLabel = "DATE",
            description = "Cutoff, YYYY-MM-DD: the latest expiration must be before it (default: 30 days before today in New York).")
    LocalDate before;

    @Option(names = "--restore", paramLabel = "YYYY-MM", description = "Move the archived options partitions of this month back.")
    YearMonth restore;

    @Override
    public Integer call() {
        if (expiredOptions == (restore != null)) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "archive: give either --expired-options or --restore YYYY-MM");
        }
        if (restore != null && before != null) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "archive: --before applies to --expired-options only");
        }
        CommandContext context = parent.context();
        PrintWriter out = spec.commandLine().getOut();
        OptionsArchiver archiver = new OptionsArchiver(context.layout(), Clock.systemUTC());
        try (StageRunner lock = StageRunner.locked(context, out)) {
            if (restore != null) {
                List<ArchivedPartition> restored = archiver.restore(restore);
                restored.forEach(p -> print(out, "restored", p));
                out.printf("archive: %d partitions of %s restored%n", restored.size(), restore);
                hintGold(out, restored);
            } else {
                LocalDate cutoff = before != null ? before : LocalDate.now(NEW_YORK).minusDays(DEFAULT_DAYS);
                List<ArchivedPartition> archived = archiver.archiveExpired(cutoff);
                archived.forEach(p -> print(out, "archived", p));
                out.printf("archive: %d partitions archived (contracts expired before %s)%n", archived.size(), cutoff);
                hintGold(out, archived);
            }
        } catch (IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "archive: " + e.getMessage(), e);
        }
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    /** Gold is built from the live lake and is not moved: its options tree differs until rebuilt. */
    private static void hintGold(PrintWriter out, List<ArchivedPartition> changed) {
        if (changed.stream().anyMatch(p -> p.type() == DataType.OPTIONS_DAILY)) {
            out.println("gold: rebuild the options Qlib tree from the live lake with: quantmini qlib --data-types options_daily --full");
        }
    }

    private static void print(PrintWriter out, String what, ArchivedPartition p) {
        out.printf(Locale.ROOT, "%s %s %s %s: %d files, %,d rows, %,d bytes, latest expiration %s%n", what, p.layer(), p.type(),
                p.month(), p.files(), p.rows(), p.bytes(), p.maxExpiration());
    }
}
