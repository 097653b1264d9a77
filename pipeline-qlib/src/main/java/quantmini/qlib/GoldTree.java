package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The paths of one Qlib tree (one provider_uri): {@code calendars/}, {@code instruments/},
 * {@code features/}, and {@code .quantmini/}, where the builder keeps its state and update journal
 * (Qlib never looks there).
 */
public final class GoldTree {
    private final Path root;
    private final QlibFrequency frequency;

    public GoldTree(Path root, QlibFrequency frequency) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.frequency = requireNonNull(frequency, "frequency is null");
    }

    public Path root() {
        return root;
    }

    public QlibFrequency frequency() {
        return frequency;
    }

    /** {@code calendars/day.txt} or {@code calendars/1min.txt} */
    public Path calendarFile() {
        return root.resolve("calendars").resolve(frequency.suffix() + ".txt");
    }

    /** {@code instruments/all.txt} */
    public Path instrumentsFile() {
        return root.resolve("instruments").resolve("all.txt");
    }

    /** {@code instruments/ticker_map.tsv}: escaped instrument names and their Polygon tickers. */
    public Path tickerMapFile() {
        return root.resolve("instruments").resolve("ticker_map.tsv");
    }

    /** {@code features/} */
    public Path featuresRoot() {
        return root.resolve("features");
    }

    /** {@code features/<dir>/} */
    public Path instrumentFolder(InstrumentName name) {
        return featuresRoot().resolve(name.directory());
    }

    /** {@code features/<dir>/<field>.<freq>.bin} */
    public Path binFile(InstrumentName name, String field) {
        return instrumentFolder(name).resolve(binFileName(field));
    }

    public String binFileName(String field) {
        return field + "." + frequency.suffix() + ".bin";
    }

    /** {@code .quantmini/state.tsv}: what the tree was built from; written last by every build. */
    public Path stateFile() {
        return stateFileOf(root);
    }

    static Path stateFileOf(Path treeRoot) {
        return treeRoot.resolve(".quantmini").resolve("state.tsv");
    }

    /** {@code .quantmini/journal.tsv}: present while an append is under way. */
    public Path journalFile() {
        return root.resolve(".quantmini").resolve("journal.tsv");
    }
}
