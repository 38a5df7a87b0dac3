package io.cial.cli;

/**
 * A failure the CLI reports as one line on stderr ({@code cial-cli: <message>}) and an exit code. It carries no stack
 * trace: it describes the user's input, the API's answer or the connection, never a bug of the CLI.
 */
public final class CliException extends RuntimeException {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The API refused the request, or the turn ended in error or was cancelled. */
    public static final int FAILURE = 1;
    /** The command line was wrong (unknown command or option, missing or malformed argument). */
    public static final int USAGE = 2;
    /** The instance could not be reached, or the connection to it was lost for good. */
    public static final int CONNECTION = 3;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliException usage(String format, Object... args) {
        return new CliException(USAGE, String.format(format, args));
    }

    public static CliException failure(String format, Object... args) {
        return new CliException(FAILURE, String.format(format, args));
    }

    public int exitCode() {
        return exitCode;
    }
}
