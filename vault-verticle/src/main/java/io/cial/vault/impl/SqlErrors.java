package io.cial.vault.impl;

/** Recognizes SQLite failures that report a caller's mistake rather than a fault. */
final class SqlErrors {

    private SqlErrors() {}

    /** Whether {@code failure} (or a cause) is a violated UNIQUE or PRIMARY KEY constraint. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null
                    && (message.contains("SQLITE_CONSTRAINT_UNIQUE")
                            || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY"))) {
                return true;
            }
        }
        return false;
    }
}
