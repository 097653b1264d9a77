package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;

/**
 * Appends dates that all lie after a tree's last date: each instrument with new rows gets NaNs
 * for the entries since its last row and then its new values; an instrument new to the tree gets
 * files starting at its own first entry; the others are not touched. The result equals, byte for
 * byte, a full build over all dates, because every value is computed as a full build computes it
 * (the previous close of {@code change} comes from the input, not from the rounded float).
 */
final class TreeAppender {
    private final DataType type;
    private final GoldInput input;
    private final WriteHook hook;
    private final ProgressListener progress;
    private final DurableWrites durable;

    TreeAppender(DataType type, GoldInput input, WriteHook hook, ProgressListener progress, DurableWrites durable) {
        this.type = requireNonNull(type, "type is null");
        this.input = requireNonNull(input, "input is null");
        this.hook = requireNonNull(hook, "hook is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.durable = requireNonNull(durable, "durable is null");
    }

    /**
     * @param oldState the tree's state; {@code newState} must extend it with later dates only
     * @param allDays the input's current listing, to find the previous closes of continuing instruments
     * @return the tree's spans after the append
     */
    List<InstrumentSpan> append(GoldTree tree, GoldState oldState, GoldState newState, List<InputDay> newDays,
            Map<LocalDate, InputDay> allDays, BuildCounters counters) throws IOException {
        QlibCalendar oldCalendar = oldState.calendar();
        QlibCalendar newCalendar = newState.calendar();
        Preconditions.checkArgument(newDays.stream().allMatch(d -> d.date().isAfter(oldCalendar.dates().get(oldCalendar.dates().size() - 1))),
                "an append needs dates after the tree's last date");
        Map<String, InstrumentSpan> spans = new LinkedHashMap<>();
        for (InstrumentSpan span : InstrumentSpan.readAll(tree.instrumentsFile(), type, oldCalendar)) {
            spans.put(span.name().instrument(), span);
        }
        Map<String, Double> previousCloses = previousCloses(spans, oldCalendar, newDays, allDays);

        UpdateJournal journal = new UpdateJournal(tree, type);
        journal.begin(oldState);
        SeriesAssembler assembler = new SeriesAssembler(type, newCalendar, newState.fields(), newState.inputHasVwap());
        FullTreeWriter files = new FullTreeWriter(type, input, hook, progress, durable);
        Set<String> seen = new HashSet<>();
        long[] skipped = new long[1];
        try (BackgroundConsumer<TickerBars> writer = new BackgroundConsumer<>("gold-writer", FullTreeWriter.WRITE_QUEUE, bars -> {
                counters.rowsRead += bars.size();
                progress.rowsDone(bars.size());
                double previous = previousCloses.getOrDefault(bars.ticker(), Double.NaN);
                Optional<InstrumentSeries> series = assembler.assemble(bars, previous, skipped);
                if (series.isEmpty()) {
                    progress.unitDone(bars.ticker(), true);
                    return;
                }
                InstrumentSeries s = series.get();
                FullTreeWriter.checkUnique(seen, s.name());
                InstrumentSpan old = spans.get(s.name().instrument());
                try {
                    if (old == null) {
                        files.writeSeries(tree, s, counters);
                        spans.put(s.name().instrument(), new InstrumentSpan(s.name(), s.firstIndex(), s.lastIndex()));
                    } else {
                        appendSeries(tree, old, s, counters);
                        spans.put(s.name().instrument(), new InstrumentSpan(s.name(), old.first(), s.lastIndex()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                counters.instrumentsTouched++;
                progress.unitDone(bars.ticker(), true);
            })) {
            input.scan(newDays, assembler.inputColumns(), writer);
            writer.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        counters.rowsOutsideCalendar += skipped[0];
        List<InstrumentSpan> result = new ArrayList<>(spans.values());
        durable.flush();
        TreeFiles.writeIndex(tree, newCalendar, result, newState);
        journal.commit();
        return result;
    }

    private void appendSeries(GoldTree tree, InstrumentSpan old, InstrumentSeries series, BuildCounters counters) throws IOException {
        int gap = series.firstIndex() - old.last() - 1;
        long expected = BinFiles.expectedSize(old.first(), old.last());
        for (int f = 0; f < series.fields().size(); f++) {
            Path file = tree.binFile(series.name(), series.fields().get(f));
            BinFiles.append(file, expected, gap, series.values(f));
            durable.written(file, false);
            counters.filesAppended++;
            hook.binFileDone(file);
        }
    }

    /**
     * The full-precision close of the last stored row of every instrument that continues in
     * {@code newDays}, read back from the input files of those last rows' dates.
     */
    private Map<String, Double> previousCloses(Map<String, InstrumentSpan> spans, QlibCalendar oldCalendar,
            List<InputDay> newDays, Map<LocalDate, InputDay> allDays) throws IOException {
        Map<String, InstrumentSpan> wanted = new HashMap<>();
        Map<LocalDate, InputDay> days = new TreeMap<>();
        for (String ticker : input.tickers(newDays)) {
            InstrumentSpan span = spans.get(InstrumentName.of(type, ticker).instrument());
            if (span == null) {
                continue;
            }
            LocalDate last = oldCalendar.dateOf(span.last());
            InputDay day = allDays.get(last);
            if (day == null) {
                throw new QuantminiException(ExitCode.JOB_FAILED, String.format(
                        "the input for %s (the last row of %s) is gone; run a full build", last, ticker));
            }
            days.put(last, day);
            wanted.put(ticker, span);
        }
        Map<String, Double> closes = new HashMap<>();
        SeriesAssembler oldAssembler = new SeriesAssembler(type, oldCalendar, List.of("close"), false);
        try {
            input.scan(days.values(), List.of("close"), bars -> {
                InstrumentSpan span = wanted.get(bars.ticker());
                if (span == null) {
                    return;
                }
                for (int r = 0; r < bars.size(); r++) {
                    if (oldAssembler.calendarIndex(bars, r) == span.last()) {
                        closes.put(bars.ticker(), bars.value(0, r));
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (String ticker : wanted.keySet()) {
            if (!closes.containsKey(ticker)) {
                throw new QuantminiException(ExitCode.JOB_FAILED, String.format(
                        "the input no longer holds the last stored row of %s; run a full build", ticker));
            }
        }
        return closes;
    }
}
