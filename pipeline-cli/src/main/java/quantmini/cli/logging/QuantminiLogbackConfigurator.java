package quantmini.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration before a command runs: readable lines on standard error, libraries
 * quiet. Done in code, found through the service loader, because parsing a logback.xml adds a
 * quarter of a second to every start, {@code --help} included (NOTES-dependencies.md).
 */
public final class QuantminiLogbackConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LoggingSetup.configureConsole(context, Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
