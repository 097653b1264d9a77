package quantmini.download;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns exceptions into the one-line reasons that results and messages carry. */
final class ErrorText {
    private static final int MAX_LINE = 200;

    private ErrorText() {}

    /** Strips the wrappers futures put around the failure that matters. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The exception's kind and first message line, and its root cause's, as one line. */
    static String oneLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = describeOne(error);
        String rootMessage = root.getMessage();
        // the root cause adds only what the outer message does not already say
        if (root != error && (rootMessage == null || !text.contains(rootMessage.strip()))) {
            text += " (" + describeOne(root) + ")";
        }
        return text;
    }

    private static String describeOne(Throwable error) {
        String name = error instanceof TimeoutException ? "timed out" : error.getClass().getSimpleName();
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return name;
        }
        String firstLine = message.strip().lines().findFirst().orElse("");
        if (firstLine.length() > MAX_LINE) {
            firstLine = firstLine.substring(0, MAX_LINE) + "...";
        }
        return name + ": " + firstLine;
    }
}
