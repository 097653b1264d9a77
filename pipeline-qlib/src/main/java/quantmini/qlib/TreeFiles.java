package quantmini.qlib;

import java.io.IOException;
import java.util.Collection;
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
}
