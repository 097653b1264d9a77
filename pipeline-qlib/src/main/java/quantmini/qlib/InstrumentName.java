package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * How a Polygon ticker is named in a Qlib tree (DESIGN.md §4).
 *
 * <p>Qlib lower-cases instrument names to find their folder, so {@code ADSw} and {@code ADSW}
 * would share one folder. Each lower-case letter is therefore escaped as {@code _} plus the
 * letter in upper case ({@code ADSw} -> {@code ADS_W}); since Polygon tickers hold no {@code _},
 * the escaped names are distinct even after lower-casing, also on a case-insensitive file system.
 *
 * @param polygonTicker the ticker as in the flat files, e.g. {@code ALLpB} or {@code O:SPY250117C00500000}
 * @param instrument the Qlib instrument, upper case, e.g. {@code ALL_PB}; options drop {@code O:}
 * @param directory the folder under {@code features/}: the instrument lower-cased, with
 *     {@code _qlib_} before a Windows reserved name (Qlib's own rule, {@code code_to_fname})
 */
public record InstrumentName(String polygonTicker, String instrument, String directory) {
    private static final String OPTION_PREFIX = "O:";
    private static final String RESERVED_PREFIX = "_qlib_";
    private static final Set<String> WINDOWS_RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    /** Characters no file system of ours accepts in a name, and {@code _}, which is our escape. */
    private static final String FORBIDDEN = "_<>:\"/\\|?*";

    public InstrumentName {
        requireNonNull(polygonTicker, "polygonTicker is null");
        requireNonNull(instrument, "instrument is null");
        requireNonNull(directory, "directory is null");
    }

    /** Names a ticker of {@code type}; rejects a ticker that cannot be named without ambiguity. */
    public static InstrumentName of(DataType type, String polygonTicker) {
        requireNonNull(type, "type is null");
        requireNonNull(polygonTicker, "polygonTicker is null");
        String bare = type.isOptions() && polygonTicker.startsWith(OPTION_PREFIX)
                ? polygonTicker.substring(OPTION_PREFIX.length())
                : polygonTicker;
        Preconditions.checkArgument(!bare.isEmpty() && !bare.equals(".") && !bare.equals(".."),
                "ticker '%s' cannot be a Qlib instrument", polygonTicker);
        StringBuilder escaped = new StringBuilder(bare.length() + 2);
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            Preconditions.checkArgument(c > ' ' && c < 127 && FORBIDDEN.indexOf(c) < 0,
                    "ticker '%s' holds the character '%s', which no Qlib instrument name may hold", polygonTicker, c);
            if (c >= 'a' && c <= 'z') {
                escaped.append('_').append(Character.toUpperCase(c));
            } else {
                escaped.append(c);
            }
        }
        String instrument = escaped.toString();
        return new InstrumentName(polygonTicker, instrument, directoryOf(instrument));
    }

    /** The inverse of {@link #of}: the Polygon ticker an instrument of {@code type} was named from. */
    public static InstrumentName ofInstrument(DataType type, String instrument) {
        requireNonNull(type, "type is null");
        requireNonNull(instrument, "instrument is null");
        StringBuilder ticker = new StringBuilder(instrument.length() + 2);
        if (type.isOptions()) {
            ticker.append(OPTION_PREFIX);
        }
        for (int i = 0; i < instrument.length(); i++) {
            char c = instrument.charAt(i);
            if (c == '_') {
                Preconditions.checkArgument(i + 1 < instrument.length() && isUpper(instrument.charAt(i + 1)),
                        "instrument '%s' has an '_' that escapes no letter", instrument);
                ticker.append(Character.toLowerCase(instrument.charAt(++i)));
            } else {
                ticker.append(c);
            }
        }
        InstrumentName name = of(type, ticker.toString());
        Preconditions.checkArgument(name.instrument().equals(instrument), "'%s' is not an instrument name", instrument);
        return name;
    }

    /** Whether the instrument differs from the ticker by more than the dropped {@code O:}. */
    public boolean isEscaped() {
        return instrument.indexOf('_') >= 0;
    }

    private static String directoryOf(String instrument) {
        String file = WINDOWS_RESERVED.contains(instrument) ? RESERVED_PREFIX + instrument : instrument;
        return file.toLowerCase(Locale.ROOT);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
