package quantmini.ingest;

import java.io.IOException;
import java.nio.file.Path;
import quantmini.core.FlatFileKey;

/** Parses a day's source file and writes its good rows, in bronze order, to one Parquet file. */
interface DayWriteStrategy {
    DayContent write(FlatFileKey key, Path source, Path target) throws IOException;
}
