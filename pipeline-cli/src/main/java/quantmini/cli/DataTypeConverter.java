package quantmini.cli;

import picocli.CommandLine;
import quantmini.core.DataType;

/** Reads {@code stocks_daily} and its siblings; picocli reports a wrong name as a usage error. */
final class DataTypeConverter implements CommandLine.ITypeConverter<DataType> {
    @Override
    public DataType convert(String value) {
        try {
            return DataType.fromId(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
