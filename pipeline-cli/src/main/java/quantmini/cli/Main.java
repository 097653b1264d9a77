package quantmini.cli;

import picocli.CommandLine;

/** The entry point of the runnable jar and of {@code ./quantmini}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(QuantminiCommand.commandLine(System.getenv()).execute(args));
    }
}
