package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.io.AtomicFiles;

/**
 * {@code metadata/{stocks,options}/watermarks.json}: per data type, the last date whose outputs
 * are all in place, e.g. {@code {"stocks_daily": "2024-03-28"}}. A watermark only moves forward,
 * and the file is replaced atomically; the orchestration decides when to advance it (after the
 * day's outputs are all written, DESIGN.md §5).
 */
public final class Watermarks {
    public static final String FILE_NAME = "watermarks.json";
    private static final Pattern ENTRY = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})\"");
    private static final Pattern SHAPE = Pattern.compile(
            "\\s*\\{\\s*(\"[a-z_]+\"\\s*:\\s*\"[0-9-]+\"\\s*(,\\s*\"[a-z_]+\"\\s*:\\s*\"[0-9-]+\"\\s*)*)?\\}\\s*");

    private final LakeLayout layout;

    public Watermarks(LakeLayout layout) {
        this.layout = requireNonNull(layout, "layout is null");
    }

    public Path file(DataType.AssetClass assetClass) {
        return layout.metadataRoot(assetClass).resolve(FILE_NAME);
    }

    /** The watermark of {@code type}, empty when none was set. */
    public synchronized Optional<LocalDate> get(DataType type) throws IOException {
        return Optional.ofNullable(read(type.assetClass()).get(type));
    }

    /**
     * Moves the watermark of {@code type} to {@code date}; a date at or before the current one
     * changes nothing. Returns the watermark after the call.
     */
    public synchronized LocalDate advance(DataType type, LocalDate date) throws IOException {
        requireNonNull(type, "type is null");
        requireNonNull(date, "date is null");
        Map<DataType, LocalDate> marks = new TreeMap<>(read(type.assetClass()));
        LocalDate current = marks.get(type);
        if (current != null && !date.isAfter(current)) {
            return current;
        }
        marks.put(type, date);
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<DataType, LocalDate> entry : marks.entrySet()) {
            json.append("  \"").append(entry.getKey().id()).append("\": \"").append(entry.getValue()).append('"')
                    .append(++i < marks.size() ? ",\n" : "\n");
        }
        json.append("}\n");
        AtomicFiles.writeString(file(type.assetClass()), json.toString());
        return date;
    }

    private Map<DataType, LocalDate> read(DataType.AssetClass assetClass) throws IOException {
        Path file = file(assetClass);
        if (!Files.isRegularFile(file)) {
            return Collections.emptyMap();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!SHAPE.matcher(text).matches()) {
            throw new QuantminiException(ExitCode.JOB_FAILED, file + ": not a watermarks file ({\"data_type\": \"YYYY-MM-DD\", ...})");
        }
        Map<DataType, LocalDate> marks = new TreeMap<>();
        Matcher matcher = ENTRY.matcher(text);
        while (matcher.find()) {
            try {
                DataType type = DataType.fromId(matcher.group(1));
                Preconditions.checkArgument(type.assetClass() == assetClass, "%s does not belong in %s", type, file);
                marks.put(type, LocalDate.parse(matcher.group(2)));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new QuantminiException(ExitCode.JOB_FAILED, file + ": " + e.getMessage());
            }
        }
        return marks;
    }
}
