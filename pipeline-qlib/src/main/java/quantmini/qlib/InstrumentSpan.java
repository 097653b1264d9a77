package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * An instrument and the calendar entries of its first and last row: one line of
 * {@code instruments/all.txt}, and the length of each of its {@code .bin} files.
 */
record InstrumentSpan(InstrumentName name, int first, int last) {
    private static final Comparator<InstrumentSpan> BY_INSTRUMENT = Comparator.comparing(s -> s.name().instrument());

    public InstrumentSpan {
        requireNonNull(name, "name is null");
        Preconditions.checkArgument(first >= 0 && last >= first, "bad span [%s, %s] of %s", first, last, name.instrument());
    }

    /** {@code instruments/all.txt}: sorted by instrument, {@code NAME<TAB>first<TAB>last}. */
    static String renderAll(Collection<InstrumentSpan> spans, QlibCalendar calendar) {
        StringBuilder text = new StringBuilder(spans.size() * 40);
        for (InstrumentSpan span : sorted(spans)) {
            text.append(span.name().instrument()).append('\t').append(calendar.entry(span.first()))
                    .append('\t').append(calendar.entry(span.last())).append('\n');
        }
        return text.toString();
    }

    /** {@code instruments/ticker_map.tsv}: {@code INSTRUMENT<TAB>polygon_ticker} for each escaped name. */
    static String renderTickerMap(Collection<InstrumentSpan> spans) {
        StringBuilder text = new StringBuilder();
        for (InstrumentSpan span : sorted(spans)) {
            if (span.name().isEscaped()) {
                text.append(span.name().instrument()).append('\t').append(span.name().polygonTicker()).append('\n');
            }
        }
        return text.toString();
    }

    /** Parses {@code all.txt} text; a line that does not fit the calendar is an error naming it. */
    static List<InstrumentSpan> parseAll(String text, DataType type, QlibCalendar calendar) {
        List<InstrumentSpan> spans = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            Preconditions.checkArgument(parts.length == 3, "all.txt line %s is not NAME<TAB>first<TAB>last: %s", n + 1, line);
            int first = calendar.indexOfEntry(parts[1]);
            int last = calendar.indexOfEntry(parts[2]);
            Preconditions.checkArgument(first >= 0 && last >= first,
                    "all.txt line %s: %s..%s is not a span of the calendar", n + 1, parts[1], parts[2]);
            spans.add(new InstrumentSpan(InstrumentName.ofInstrument(type, parts[0]), first, last));
        }
        return spans;
    }

    static List<InstrumentSpan> readAll(Path file, DataType type, QlibCalendar calendar) throws IOException {
        return parseAll(Files.readString(file, StandardCharsets.UTF_8), type, calendar);
    }

    private static List<InstrumentSpan> sorted(Collection<InstrumentSpan> spans) {
        List<InstrumentSpan> list = new ArrayList<>(spans);
        list.sort(BY_INSTRUMENT);
        return list;
    }
}
