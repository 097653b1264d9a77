package quantmini.qlib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import quantmini.core.io.AtomicFiles;

/** The text files of a tree, written in the order that makes the state file the commit point. */
final class TreeFiles {
    private TreeFiles() {}

    /** Calendar, instruments, ticker map, and the state file last. */
    static void writeIndex(GoldTree tree, QlibCalendar calendar, Collection<InstrumentSpan> spans, GoldState state) throws IOException {
        AtomicFiles.writeString(tree.calendarFile(), calendar.render());
        AtomicFiles.writeString(tree.instrumentsFile(), InstrumentSpan.renderAll(spans, calendar));
        AtomicFiles.writeString(tree.tickerMapFile(), InstrumentSpan.renderTickerMap(spans));
        AtomicFiles.writeString(tree.stateFile(), state.render());
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
