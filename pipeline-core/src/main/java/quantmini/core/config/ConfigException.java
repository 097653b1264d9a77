package quantmini.core.config;

import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;

/**
 * A configuration value that cannot be used: an unknown key, a wrong type or an impossible value.
 * The message names where it came from (file or environment variable), the key and the value,
 * and the command exits with {@link ExitCode#USAGE_OR_CONFIG}.
 */
public final class ConfigException extends QuantminiException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCode.USAGE_OR_CONFIG, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE_OR_CONFIG, message, cause);
    }
}
