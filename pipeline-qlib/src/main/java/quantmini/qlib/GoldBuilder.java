package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.config.MinuteSession;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Builds and updates the gold Qlib trees of the lake (DESIGN.md §4): the one entry point of the
 * {@code qlib} command.
 *
 * <p>An update appends dates later than the tree's last date. Anything else that changed (a date
 * before the tree's end, a past date's file replaced, other fields, another input layer or
 * session) rebuilds the tree, because an append cannot put those values in the right place. A
 * full build or rebuild writes a staging tree and swaps it in; an append is journalled. Either
 * way a killed run leaves the previous complete tree or the new one, and the next run repairs
 * what it left.
 */
public final class GoldBuilder {
    /** The data types that have a gold tree. */
    public static final Set<DataType> SUPPORTED_TYPES = Set.of(DataType.STOCKS_DAILY, DataType.STOCKS_MINUTE, DataType.OPTIONS_DAILY);

    /** Threads that force written files to disk; they wait on the disk, not on the CPU. */
    static final int SYNC_THREADS = 8;

    private final LakeLayout lake;
    private final GoldOptions options;
    private final Function<DataType, GoldInput> inputs;
    private final WriteHook hook;

    public GoldBuilder(LakeLayout lake, GoldOptions options) {
        this(lake, options, type -> ParquetGoldInput.open(lake, type, options.sourceLayer()), WriteHook.NONE);
    }

    GoldBuilder(LakeLayout lake, GoldOptions options, Function<DataType, GoldInput> inputs, WriteHook hook) {
        this.lake = requireNonNull(lake, "lake is null");
        this.options = requireNonNull(options, "options is null");
        this.inputs = requireNonNull(inputs, "inputs is null");
        this.hook = requireNonNull(hook, "hook is null");
    }

    /**
     * Builds or updates {@code type}'s tree from the input dates in {@code [from, to]} (open ends
     * when empty).
     *
     * @param full rebuild the tree from exactly those dates, whatever it holds
     */
    public GoldBuildSummary build(DataType type, Optional<LocalDate> from, Optional<LocalDate> to, boolean full,
            ProgressListener progress) {
        requireNonNull(type, "type is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(progress, "progress is null");
        Preconditions.checkArgument(SUPPORTED_TYPES.contains(type), "no Qlib gold tree for data type %s", type);
        Preconditions.checkArgument(from.isEmpty() || to.isEmpty() || !to.get().isBefore(from.get()),
                "--to %s lies before --from %s", to.orElse(null), from.orElse(null));
        long start = System.nanoTime();
        Build build = new Build(type, progress);
        try {
            return build.run(from, to, full, start);
        } catch (IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "gold " + type.id() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "gold " + type.id() + ": " + e.getCause().getMessage(), e);
        } finally {
            if (build.started) {
                progress.finished();
            }
        }
    }

    /** One build of one type: the plan and its execution. */
    private final class Build {
        private final DataType type;
        private final ProgressListener progress;
        private final GoldTree tree;
        private final GoldInput input;
        private final MinuteSession session;
        private final BuildCounters counters = new BuildCounters();
        private boolean started;

        Build(DataType type, ProgressListener progress) {
            this.type = type;
            this.progress = progress;
            this.tree = new GoldTree(lake.qlibRoot(type), QlibFrequency.of(type));
            this.input = inputs.apply(type);
            // A day calendar has no minutes; one value keeps day trees independent of the setting.
            this.session = type.interval() == DataType.BarInterval.DAY ? MinuteSession.REGULAR : options.minuteSession();
        }

        GoldBuildSummary run(Optional<LocalDate> from, Optional<LocalDate> to, boolean full, long start) throws IOException {
            new TreeSwap(tree.root()).recover();
            UpdateJournal.Recovery recovery = new UpdateJournal(tree, type).recover();
            Map<LocalDate, InputDay> allDays = new LinkedHashMap<>();
            for (InputDay day : input.days()) {
                allDays.put(day.date(), day);
            }
            List<InputDay> wanted = new ArrayList<>();
            for (InputDay day : allDays.values()) {
                if (from.map(f -> !day.date().isBefore(f)).orElse(true) && to.map(t -> !day.date().isAfter(t)).orElse(true)) {
                    wanted.add(day);
                }
            }
            Optional<GoldState> existing = readState();
            if (full || existing.isEmpty()) {
                String reason = full ? "full build asked for"
                        : recovery == UpdateJournal.Recovery.NEEDS_REBUILD ? "a killed update left files that only a rebuild repairs"
                        : "no tree yet";
                return rebuild(wanted, GoldBuildSummary.Mode.FULL, reason, start);
            }
            return update(existing.get(), wanted, allDays, start);
        }

        /** Appends what is new, or rebuilds when an append cannot put it in the right place. */
        private GoldBuildSummary update(GoldState old, List<InputDay> wanted, Map<LocalDate, InputDay> allDays, long start)
                throws IOException {
            List<InputDay> newDays = new ArrayList<>();
            List<InputDay> changed = new ArrayList<>();
            for (InputDay day : wanted) {
                String fingerprint = old.dayFingerprints().get(day.date());
                if (fingerprint == null) {
                    newDays.add(day);
                } else if (!fingerprint.equals(day.fingerprint())) {
                    changed.add(day);
                }
            }
            Map<LocalDate, InputDay> union = new TreeMap<>();
            for (LocalDate date : old.dayFingerprints().keySet()) {
                InputDay day = allDays.get(date);
                if (day != null) {
                    union.put(date, day);
                }
            }
            for (InputDay day : newDays) {
                union.put(day.date(), day);
            }
            List<InputDay> unionDays = new ArrayList<>(union.values());
            LocalDate lastDate = old.dayFingerprints().lastKey();
            if (!changed.isEmpty()) {
                return rebuild(unionDays, GoldBuildSummary.Mode.REBUILD,
                        "the input of " + changed.get(0).date() + " changed since the tree was built", start);
            }
            if (unionDays.isEmpty()) {
                start(GoldBuildSummary.Mode.UP_TO_DATE, List.of());
                return summary(GoldBuildSummary.Mode.UP_TO_DATE, "no input for the tree's dates", old, countInstruments(), 0, start);
            }
            // Settings are compared on every run, so that a changed field list or session applies
            // without new data; the newest file stands for the input's columns when nothing is new.
            GoldState candidate = stateFor(newDays.isEmpty() ? List.of(unionDays.get(unionDays.size() - 1)) : newDays);
            if (!old.sameSettings(candidate)) {
                return rebuild(unionDays, GoldBuildSummary.Mode.REBUILD, "fields, input layer or session changed", start);
            }
            if (newDays.isEmpty()) {
                start(GoldBuildSummary.Mode.UP_TO_DATE, List.of());
                return summary(GoldBuildSummary.Mode.UP_TO_DATE, "no new or changed input dates", old, countInstruments(), 0, start);
            }
            if (newDays.get(0).date().isBefore(lastDate)) {
                return rebuild(unionDays, GoldBuildSummary.Mode.REBUILD,
                        newDays.get(0).date() + " lies before the tree's last date " + lastDate, start);
            }
            GoldState newState = old.plus(newDays);
            start(GoldBuildSummary.Mode.APPEND, newDays);
            List<InstrumentSpan> spans;
            try (DurableWrites durable = new DurableWrites(SYNC_THREADS)) {
                spans = new TreeAppender(type, input, hook, progress, durable).append(tree, old, newState, newDays, allDays, counters);
            }
            return summary(GoldBuildSummary.Mode.APPEND, newDays.size() + " new dates after " + lastDate, newState,
                    spans.size(), newDays.size(), start);
        }

        private GoldBuildSummary rebuild(List<InputDay> days, GoldBuildSummary.Mode mode, String reason, long start) throws IOException {
            if (days.isEmpty()) {
                throw new QuantminiException(ExitCode.JOB_FAILED, String.format(
                        "no %s input for %s in the dates asked for (%s)", input.layerName(), type, lake.dataRoot()));
            }
            GoldState state = stateFor(days);
            start(mode, days);
            TreeSwap swap = new TreeSwap(tree.root());
            GoldTree staging = new GoldTree(swap.prepareStaging(), tree.frequency());
            List<InstrumentSpan> spans;
            try (DurableWrites durable = new DurableWrites(SYNC_THREADS)) {
                spans = new FullTreeWriter(type, input, hook, progress, durable).write(staging, days, state, counters);
            }
            swap.swap();
            return summary(mode, reason, state, spans.size(), days.size(), start);
        }

        /** The state of a tree over {@code days}, with fields from their columns. */
        private GoldState stateFor(List<InputDay> days) throws IOException {
            List<String> columns = input.numericColumns(days);
            List<String> fields;
            try {
                fields = options.fields().resolve(columns);
            } catch (IllegalArgumentException e) {
                throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, e.getMessage(), e);
            }
            return GoldState.of(type, session, input.layerName(), columns.contains("vwap"), fields, days);
        }

        private Optional<GoldState> readState() throws IOException {
            if (!Files.exists(tree.stateFile())) {
                return Optional.empty();
            }
            return Optional.of(GoldState.parse(Files.readString(tree.stateFile(), StandardCharsets.UTF_8)));
        }

        private int countInstruments() throws IOException {
            try (var lines = Files.lines(tree.instrumentsFile(), StandardCharsets.UTF_8)) {
                return (int) lines.filter(l -> !l.isEmpty()).count();
            }
        }

        /** Tells the listener the job's size: the tickers it will read, each reported once done. */
        private void start(GoldBuildSummary.Mode mode, Collection<InputDay> days) throws IOException {
            int tickers = days.isEmpty() ? 0 : input.tickers(days).size();
            progress.started("qlib " + type.id() + " " + mode.name().toLowerCase(java.util.Locale.ROOT), tickers, -1);
            started = true;
        }

        private GoldBuildSummary summary(GoldBuildSummary.Mode mode, String reason, GoldState state, int instruments,
                int newDates, long start) {
            var dates = state.dayFingerprints();
            return new GoldBuildSummary(type, mode, reason, instruments, counters.instrumentsTouched, state.fields(),
                    counters.filesWritten, counters.filesAppended, newDates, dates.size(),
                    dates.isEmpty() ? Optional.empty() : Optional.of(dates.firstKey()),
                    dates.isEmpty() ? Optional.empty() : Optional.of(dates.lastKey()),
                    counters.rowsRead, counters.rowsOutsideCalendar, (System.nanoTime() - start) / 1e9);
        }
    }
}
