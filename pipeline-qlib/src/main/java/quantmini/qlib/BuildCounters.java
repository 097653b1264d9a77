package quantmini.qlib;

/** Tallies of one build for its summary; used by one thread. */
final class BuildCounters {
    long filesWritten;
    long filesAppended;
    long rowsRead;
    long rowsOutsideCalendar;
    int instrumentsTouched;
}
