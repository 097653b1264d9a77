package quantmini.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/** Writes a {@link QueryResult} as an aligned table, CSV or JSON. */
final class ResultFormatter {
    /** The output formats of {@code quantmini query}. */
    enum Format { TABLE, CSV, JSON }

    static final String NULL_TEXT = "NULL";
    /** What JSON accepts as a number; NaN and infinities are written as strings instead. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private ResultFormatter() {}

    static String format(QueryResult result, Format format) {
        requireNonNull(result, "result is null");
        switch (requireNonNull(format, "format is null")) {
            case TABLE:
                return table(result);
            case CSV:
                return csv(result);
            case JSON:
                return json(result);
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /**
     * Columns padded to their widest cell, numbers right-aligned so digits line up, NULL spelled
     * out so it differs from an empty string, and the row count last.
     */
    static String table(QueryResult result) {
        StringBuilder out = new StringBuilder(alignedLines(result));
        int count = result.rows().size();
        out.append('(').append(count).append(count == 1 ? " row" : " rows")
                .append(result.truncated() ? ", more not shown: raise --max-rows" : "").append(")\n");
        return out.toString();
    }

    /** The header, a dashed rule and the rows, aligned; without the row count. */
    static String alignedLines(QueryResult result) {
        List<QueryResult.Column> columns = result.columns();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).name().length();
            for (List<String> row : result.rows()) {
                widths[c] = Math.max(widths[c], display(row.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, widths, columns.stream().map(QueryResult.Column::name).toList());
        line(out, columns, widths, java.util.Arrays.stream(widths).mapToObj("-"::repeat).toList());
        for (List<String> row : result.rows()) {
            line(out, columns, widths, row.stream().map(ResultFormatter::display).toList());
        }
        return out.toString();
    }

    /** Header then rows; fields quoted as RFC 4180 says (comma, quote, CR or LF inside); NULL is empty. */
    static String csv(QueryResult result) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < result.columns().size(); c++) {
            out.append(c == 0 ? "" : ",").append(csvField(result.columns().get(c).name()));
        }
        out.append('\n');
        for (List<String> row : result.rows()) {
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "" : ",").append(row.get(c) == null ? "" : csvField(row.get(c)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** An array of objects, one per line, keyed by column name; numbers and booleans stay typed. */
    static String json(QueryResult result) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            generator.setRootValueSeparator(null); // the objects are separated by ",\n" written here
            out.write('[');
            for (int r = 0; r < result.rows().size(); r++) {
                out.write(r == 0 ? "\n" : ",\n");
                List<String> row = result.rows().get(r);
                generator.writeStartObject();
                for (int c = 0; c < row.size(); c++) {
                    QueryResult.Column column = result.columns().get(c);
                    generator.writeFieldName(column.name());
                    writeValue(generator, column.kind(), row.get(c));
                }
                generator.writeEndObject();
                generator.flush();
            }
            out.write(result.rows().isEmpty() ? "]\n" : "\n]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator generator, QueryResult.Kind kind, String value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (kind == QueryResult.Kind.NUMBER && JSON_NUMBER.matcher(value).matches()) {
            generator.writeNumber(value);
        } else if (kind == QueryResult.Kind.BOOLEAN) {
            generator.writeBoolean(Boolean.parseBoolean(value));
        } else {
            generator.writeString(value);
        }
    }

    private static String display(String value) {
        return value == null ? NULL_TEXT : value;
    }

    /** One line of the table, without trailing blanks (a left-aligned last column is not padded). */
    private static void line(StringBuilder out, List<QueryResult.Column> columns, int[] widths, List<String> texts) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String text = texts.get(c);
            String padding = " ".repeat(widths[c] - text.length());
            boolean right = columns.get(c).kind() == QueryResult.Kind.NUMBER;
            line.append(right ? padding + text : text + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
