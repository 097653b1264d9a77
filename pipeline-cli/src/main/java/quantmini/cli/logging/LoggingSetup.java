package quantmini.cli.logging;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Where log lines go: the console (standard error, so standard output stays clean for
 * {@code --json} and query results), a file per day under {@code logs/pipeline/}, and errors
 * also under {@code logs/errors/}. Both folders keep 30 days.
 */
public final class LoggingSetup {
    private static final String CONSOLE = "console";
    private static final String PIPELINE_FILE = "pipeline-file";
    private static final String ERROR_FILE = "error-file";
    private static final int DAYS_KEPT = 30;
    /** Libraries that say too much at INFO. */
    private static final List<String> QUIET_LIBRARIES = List.of(
            "io.netty", "software.amazon.awssdk", "org.apache.parquet", "org.apache.hadoop", "org.apache.arrow",
            "org.eclipse.jetty", "org.gaul", "oshi", "com.github.luben");

    private LoggingSetup() {}

    static void configureConsole(LoggerContext context, Level level) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(CONSOLE);
        PatternLayoutEncoder encoder = encoder(context, "%d{HH:mm:ss.SSS} %-5level %msg%n");
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        root.addAppender(console);
        root.setLevel(level);
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
    }

    /**
     * Sets the level of quantmini's own loggers (libraries stay at WARN) and, when
     * {@code logRoot} is given, adds the daily files.
     */
    public static void apply(String level, Path logRoot) {
        requireNonNull(level, "level is null");
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level parsed = Level.toLevel(level, Level.INFO);
        root.setLevel(parsed.isGreaterOrEqual(Level.INFO) ? parsed : Level.INFO);
        context.getLogger("quantmini").setLevel(parsed);
        // a second command in the same process (tests) may log elsewhere: replace, never stack
        for (String name : List.of(PIPELINE_FILE, ERROR_FILE)) {
            if (root.getAppender(name) != null) {
                root.getAppender(name).stop();
                root.detachAppender(name);
            }
        }
        if (logRoot != null) {
            root.addAppender(dailyFile(context, PIPELINE_FILE, logRoot.resolve("pipeline"), "quantmini", Level.TRACE));
            root.addAppender(dailyFile(context, ERROR_FILE, logRoot.resolve("errors"), "errors", Level.ERROR));
        }
    }

    private static RollingFileAppender<ILoggingEvent> dailyFile(LoggerContext context, String name, Path folder,
            String baseName, Level threshold) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(folder.resolve(baseName + ".log").toString());
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(folder.resolve(baseName + ".%d{yyyy-MM-dd}.log").toString());
        policy.setMaxHistory(DAYS_KEPT);
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n"));
        ThresholdFilter filter = new ThresholdFilter();
        filter.setContext(context);
        filter.setLevel(threshold.levelStr);
        filter.start();
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
