package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import quantmini.cli.run.Alerter;
import quantmini.cli.run.RunReport;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.FlatFileKey;
import quantmini.core.QuantminiException;
import quantmini.core.config.ConfigKeys;
import quantmini.storage.LandingInventory;
import quantmini.storage.Watermarks;

/**
 * One run of every layer over a date range, as {@code daily} and {@code backfill} make it:
 * download what the source lists, ingest the days whose bronze is missing or older than their
 * landed file, bring silver and gold up to date, then advance each data type's watermark to the
 * last date before which every listed day has all its layers. Failed days are collected and
 * reported; they never stop the others. The run holds the lake's lock and ends with a JSON
 * report under {@code logs/runs/}.
 */
final class PipelineRun {
    private final CommandContext context;
    private final PrintWriter out;
    private final String command;

    PipelineRun(CommandContext context, PrintWriter out, String command) {
        this.context = requireNonNull(context, "context is null");
        this.out = requireNonNull(out, "out is null");
        this.command = requireNonNull(command, "command is null");
    }

    /** Runs the layers and returns the process exit code. */
    int run(List<DataType> types, LocalDate from, LocalDate to) {
        Instant started = Instant.now();
        RunReport report = new RunReport(command, started)
                .put("data_types", types.stream().map(DataType::id).toList())
                .put("from", from.toString())
                .put("to", to.toString());
        String typeList = types.stream().map(DataType::id).collect(Collectors.joining(","));
        List<StageResult> results = new ArrayList<>();
        List<FlatFileKey> listed = new ArrayList<>();
        List<FlatFileKey> ingested;
        Map<String, String> watermarks;
        try (StageRunner stages = StageRunner.locked(context, out)) {
            StageResult download = stages.download(types, from, to, listed);
            results.add(download);
            List<FlatFileKey> landed = listed.stream().filter(download::completed).toList();
            ingested = new LandingInventory(context.layout()).withoutCurrentBronze(landed);
            results.add(ingested.isEmpty() ? nothing("ingest") : stages.ingest(ingested));
            results.add(stages.features(types, from, to, false));
            results.add(stages.gold(types, Optional.empty(), Optional.empty(), false));
            watermarks = advanceWatermarks(types, listed, results);
            report.put("changed_dates", download.changedKeys().stream().map(FlatFileKey::toString).toList());
        }
        results.forEach(result -> report.addStage(typeList, result.toReport()));
        report.put("watermarks", watermarks);

        boolean failed = results.stream().anyMatch(result -> !result.succeeded());
        boolean nothingNew = ingested.isEmpty() && results.get(2).units() == 0 && results.get(3).units() == 0;
        String outcome = failed ? "failed" : nothingNew ? "nothing_new" : "success";
        try {
            Path written = report.write(context.config().logRoot(), outcome, Instant.now());
            out.println(command + ": " + describe(outcome, listed.size(), results) + "; report " + written);
            long quarantined = results.stream().mapToLong(StageResult::quarantinedRows).sum();
            if (new Alerter(context.config().get(ConfigKeys.ALERTS_COMMAND), context.config().get(ConfigKeys.ALERTS_WEBHOOK_URL))
                    .notifyIfNeeded(written, outcome, quarantined)) {
                out.println(command + ": alert sent (" + (failed ? "failures" : quarantined + " quarantined rows") + ")");
            }
        } catch (IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "cannot write the run report under " + context.config().logRoot()
                    + ": " + e.getMessage(), e);
        }
        out.flush();
        return failed ? ExitCode.JOB_FAILED.code() : ExitCode.SUCCESS.code();
    }

    private static StageResult nothing(String stage) {
        return new StageResult(stage, 0, 0, 0, 0, 0, Set.of(), Set.of(), List.of(), List.of());
    }

    private static String describe(String outcome, int listed, List<StageResult> results) {
        long errors = results.stream().mapToLong(result -> result.errors().size()).sum();
        switch (outcome) {
            case "nothing_new":
                return "nothing new (" + listed + " days listed, all layers current)";
            case "failed":
                return errors + " failures (listed above), the other days completed";
            default:
                return "done, " + listed + " days listed";
        }
    }

    /**
     * Moves each type's watermark to its last listed day that has every layer, as long as no
     * earlier listed day in the run lacks one: a watermark says "complete up to here".
     */
    private Map<String, String> advanceWatermarks(List<DataType> types, List<FlatFileKey> listed, List<StageResult> results) {
        Watermarks watermarks = new Watermarks(context.layout());
        Map<String, String> moved = new LinkedHashMap<>();
        for (DataType type : types) {
            LocalDate complete = null;
            for (FlatFileKey key : listed.stream().filter(k -> k.dataType() == type)
                    .sorted(Comparator.comparing(FlatFileKey::date)).toList()) {
                if (!results.stream().allMatch(result -> result.completed(key))) {
                    break;
                }
                complete = key.date();
            }
            try {
                LocalDate mark = complete == null ? watermarks.get(type).orElse(null) : watermarks.advance(type, complete);
                moved.put(type.id(), mark == null ? null : mark.toString());
            } catch (IOException e) {
                throw new QuantminiException(ExitCode.JOB_FAILED, "cannot advance the watermark of " + type + ": " + e.getMessage(), e);
            }
        }
        return moved;
    }
}
