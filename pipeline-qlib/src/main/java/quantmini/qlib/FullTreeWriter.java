package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;

/** Writes a complete tree into an empty folder: every instrument's files, then the index files. */
final class FullTreeWriter {
    /**
     * Tickers waiting for the writer thread. Small, because one ticker of a long minute history
     * can hold hundreds of thousands of rows; a few suffice to keep both threads busy.
     */
    static final int WRITE_QUEUE = 4;

    private final DataType type;
    private final GoldInput input;
    private final WriteHook hook;
    private final ProgressListener progress;
    private final DurableWrites durable;

    FullTreeWriter(DataType type, GoldInput input, WriteHook hook, ProgressListener progress, DurableWrites durable) {
        this.type = requireNonNull(type, "type is null");
        this.input = requireNonNull(input, "input is null");
        this.hook = requireNonNull(hook, "hook is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.durable = requireNonNull(durable, "durable is null");
    }

    /** Writes the tree of {@code days} with {@code state}'s settings under {@code tree}; returns its spans. */
    List<InstrumentSpan> write(GoldTree tree, List<InputDay> days, GoldState state, BuildCounters counters) throws IOException {
        QlibCalendar calendar = state.calendar();
        SeriesAssembler assembler = new SeriesAssembler(type, calendar, state.fields(), state.inputHasVwap());
        List<InstrumentSpan> spans = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long[] skipped = new long[1];
        try (BackgroundConsumer<TickerBars> writer = new BackgroundConsumer<>("gold-writer", WRITE_QUEUE, bars -> {
                counters.rowsRead += bars.size();
                progress.rowsDone(bars.size());
                Optional<InstrumentSeries> series = assembler.assemble(bars, Double.NaN, skipped);
                if (series.isEmpty()) {
                    progress.unitDone(bars.ticker(), true);
                    return;
                }
                InstrumentSeries s = series.get();
                checkUnique(seen, s.name());
                try {
                    writeSeries(tree, s, counters);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                spans.add(new InstrumentSpan(s.name(), s.firstIndex(), s.lastIndex()));
                counters.instrumentsTouched++;
                progress.unitDone(bars.ticker(), true);
            })) {
            input.scan(days, assembler.inputColumns(), writer);
            writer.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        counters.rowsOutsideCalendar += skipped[0];
        durable.flush();
        TreeFiles.writeIndex(tree, calendar, spans, state);
        return spans;
    }

    void writeSeries(GoldTree tree, InstrumentSeries series, BuildCounters counters) throws IOException {
        for (int f = 0; f < series.fields().size(); f++) {
            java.nio.file.Path file = tree.binFile(series.name(), series.fields().get(f));
            BinFiles.writeUnlisted(file, series.firstIndex(), series.values(f));
            durable.written(file, true);
            counters.filesWritten++;
            hook.binFileDone(file);
        }
    }

    static void checkUnique(Set<String> seen, InstrumentName name) {
        if (!seen.add(name.instrument())) {
            throw new QuantminiException(ExitCode.JOB_FAILED, String.format(
                    "two tickers map to the Qlib instrument %s (one is %s)", name.instrument(), name.polygonTicker()));
        }
    }
}
