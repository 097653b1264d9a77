package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import quantmini.core.DataType;
import quantmini.core.Preconditions;
import quantmini.core.config.MinuteSession;

/**
 * What a complete tree was built from: the input layer, the fields, the minute session and each
 * date's input file fingerprint. Written last by every build, so its presence marks a complete
 * tree, and an update compares it with the input to choose between appending and rebuilding.
 *
 * @param dayFingerprints each date of the calendar and {@link InputDay#fingerprint()} of its file
 */
record GoldState(DataType type, MinuteSession session, String layer, boolean inputHasVwap, List<String> fields,
        SortedMap<LocalDate, String> dayFingerprints) {
    private static final String FORMAT = "quantmini-gold 1";

    GoldState {
        requireNonNull(type, "type is null");
        requireNonNull(session, "session is null");
        requireNonNull(layer, "layer is null");
        fields = List.copyOf(fields);
        dayFingerprints = Collections.unmodifiableSortedMap(new TreeMap<>(dayFingerprints));
    }

    static GoldState of(DataType type, MinuteSession session, String layer, boolean inputHasVwap, List<String> fields,
            List<InputDay> days) {
        SortedMap<LocalDate, String> fingerprints = new TreeMap<>();
        for (InputDay day : days) {
            fingerprints.put(day.date(), day.fingerprint());
        }
        return new GoldState(type, session, layer, inputHasVwap, fields, fingerprints);
    }

    /** This state with {@code days} added; dates already present keep their fingerprints. */
    GoldState plus(List<InputDay> days) {
        SortedMap<LocalDate, String> fingerprints = new TreeMap<>(dayFingerprints);
        for (InputDay day : days) {
            fingerprints.putIfAbsent(day.date(), day.fingerprint());
        }
        return new GoldState(type, session, layer, inputHasVwap, fields, fingerprints);
    }

    QlibCalendar calendar() {
        return QlibCalendar.of(QlibFrequency.of(type), session, dayFingerprints.keySet());
    }

    /** Whether a tree built with these settings can be extended by one with {@code other}'s. */
    boolean sameSettings(GoldState other) {
        return type == other.type && session == other.session && layer.equals(other.layer)
                && inputHasVwap == other.inputHasVwap && fields.equals(other.fields);
    }

    String render() {
        StringBuilder text = new StringBuilder();
        text.append(FORMAT).append('\n');
        text.append("data_type\t").append(type.id()).append('\n');
        text.append("session\t").append(session.name()).append('\n');
        text.append("layer\t").append(layer).append('\n');
        text.append("input_vwap\t").append(inputHasVwap).append('\n');
        text.append("fields\t").append(String.join(",", fields)).append('\n');
        for (Map.Entry<LocalDate, String> day : dayFingerprints.entrySet()) {
            text.append("day\t").append(day.getKey()).append('\t').append(day.getValue()).append('\n');
        }
        return text.toString();
    }

    static GoldState parse(String text) {
        String[] lines = text.split("\n");
        Preconditions.checkArgument(lines.length >= 6 && lines[0].equals(FORMAT), "not a gold state file");
        DataType type = DataType.fromId(value(lines[1], "data_type"));
        MinuteSession session = MinuteSession.valueOf(value(lines[2], "session"));
        String layer = value(lines[3], "layer");
        boolean vwap = Boolean.parseBoolean(value(lines[4], "input_vwap"));
        List<String> fields = Arrays.asList(value(lines[5], "fields").split(","));
        SortedMap<LocalDate, String> days = new TreeMap<>();
        for (int i = 6; i < lines.length; i++) {
            String[] parts = lines[i].split("\t", 3);
            Preconditions.checkArgument(parts.length == 3 && parts[0].equals("day"), "bad state line: %s", lines[i]);
            days.put(LocalDate.parse(parts[1]), parts[2]);
        }
        return new GoldState(type, session, layer, vwap, fields, days);
    }

    private static String value(String line, String key) {
        Preconditions.checkArgument(line.startsWith(key + "\t"), "state line '%s' should start with %s", line, key);
        return line.substring(key.length() + 1);
    }
}
