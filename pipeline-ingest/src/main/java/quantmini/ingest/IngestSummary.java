package quantmini.ingest;

import java.util.Comparator;
import java.util.List;

/** What an ingest run did, day by day (in key order), with totals. */
public record IngestSummary(List<DayReport> days, double seconds) {
    public IngestSummary {
        days = days.stream().sorted(Comparator.comparing(DayReport::key)).toList();
    }

    public long rowsIn() {
        return days.stream().mapToLong(DayReport::rowsIn).sum();
    }

    public long rowsWritten() {
        return days.stream().mapToLong(DayReport::rowsWritten).sum();
    }

    public long rowsQuarantined() {
        return days.stream().mapToLong(DayReport::rowsQuarantined).sum();
    }

    public List<DayReport> failures() {
        return days.stream().filter(day -> !day.succeeded()).toList();
    }

    public boolean succeeded() {
        return failures().isEmpty();
    }

    /** Source rows per second of wall-clock time over the whole run. */
    public double rowsPerSecond() {
        return seconds > 0 ? rowsIn() / seconds : 0;
    }
}
