package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.storage.BronzeStore;
import quantmini.storage.ContractTerms;
import quantmini.storage.DayStats;
import quantmini.storage.MetadataStore;
import quantmini.storage.TickerDay;

/**
 * Turns what a day's ingest counted into the metadata store's terms. Days are recorded in
 * batches: the metadata files are rewritten whole, so rewriting them once per run instead of once
 * per day is what keeps a run of many small days (250 daily files) from paying the metadata files'
 * read, write and fsync per file. A day stays marked pending until its batch is written, so a run
 * killed before that is repaired from bronze by the next one, as for a kill mid-day.
 */
final class DayMetadataRecorder {
    /** Ticker-days held before a batch is written: bounds the memory of a run of large options days. */
    static final int MAX_PENDING_TICKER_DAYS = 250_000;

    private final BronzeStore bronze;
    private final MetadataStore metadata;
    private final List<FlatFileKey> pendingKeys = new ArrayList<>();
    private final List<MetadataStore.DayUpdate> pendingDays = new ArrayList<>();
    private int pendingTickerDays;

    DayMetadataRecorder(BronzeStore bronze, MetadataStore metadata) {
        this.bronze = requireNonNull(bronze, "bronze is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    /** The day's rows per ticker in bronze before the day is replaced. */
    record Before(Map<String, Long> rows) {}

    /** Reads the day's current contribution and notes that the day is about to be replaced. */
    Before before(FlatFileKey key) throws IOException {
        Before before = new Before(bronze.tickerRows(key.dataType(), key.date()));
        metadata.markPending(key.dataType(), key.date());
        return before;
    }

    /** Withdraws the pending note of a day whose replace failed whole and so changed nothing. */
    void abandon(FlatFileKey key) throws IOException {
        metadata.clearPending(key.dataType(), key.date());
    }

    /** Repairs the metadata of each type a killed run left half-recorded, before any day starts. */
    void recoverInterrupted(List<DataType> types) throws IOException {
        for (DataType type : types) {
            if (metadata.interrupted(type)) {
                metadata.rebuildFromBronze(type);
            }
        }
    }

    /** Queues the day's metadata; written by {@link #flush}, or at once when the queue is full. */
    void record(FlatFileKey key, Before before, DayContent day, long quarantined) throws IOException {
        BronzeRowSink sink = day.sink();
        TickerDictionary dictionary = day.tickers();
        List<TickerDay> tickers = new ArrayList<>(sink.tickers());
        for (int i = 0; i < sink.tickers(); i++) {
            int id = sink.tickerId(i);
            Optional<ContractTerms> contract = Optional.empty();
            if (key.dataType().isOptions()) {
                contract = Optional.of(new ContractTerms(
                        new String(dictionary.underlying(id), java.nio.charset.StandardCharsets.UTF_8),
                        LocalDate.ofEpochDay(dictionary.expirationDay(id)),
                        String.valueOf((char) dictionary.optionType(id)),
                        dictionary.strike(id)));
            }
            tickers.add(new TickerDay(dictionary.ticker(id), sink.tickerRows(i), contract));
        }
        boolean any = sink.rows() > 0;
        DayStats stats = new DayStats(key.dataType(), key.date(), sink.rows(), sink.tickers(), quarantined,
                any ? OptionalLong.of(sink.minWindowStart()) : OptionalLong.empty(),
                any ? OptionalLong.of(sink.maxWindowStart()) : OptionalLong.empty());
        MetadataStore.DayUpdate update = new MetadataStore.DayUpdate(stats, tickers, before.rows());
        boolean full;
        synchronized (this) {
            pendingKeys.add(key);
            pendingDays.add(update);
            pendingTickerDays += tickers.size();
            full = pendingTickerDays >= MAX_PENDING_TICKER_DAYS;
        }
        if (full) {
            flush();
        }
    }

    /** Writes the queued days' metadata, then clears their pending notes. */
    void flush() throws IOException {
        List<FlatFileKey> keys;
        List<MetadataStore.DayUpdate> days;
        synchronized (this) {
            keys = List.copyOf(pendingKeys);
            days = List.copyOf(pendingDays);
            pendingKeys.clear();
            pendingDays.clear();
            pendingTickerDays = 0;
        }
        if (days.isEmpty()) {
            return;
        }
        metadata.recordDays(days);
        for (FlatFileKey key : keys) {
            metadata.clearPending(key.dataType(), key.date());
        }
    }
}
