package quantmini.ingest;

/** What a {@link DayWriteStrategy} wrote for one file, for the quarantine and the metadata. */
record DayContent(long rowsIn, BronzeRowSink sink, TickerDictionary tickers, RejectLog rejects) {}
