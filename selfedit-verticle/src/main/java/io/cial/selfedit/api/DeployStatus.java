package io.cial.selfedit.api;

import java.util.Locale;

/** Where a deploy stands. Only {@link #RUNNING} and {@link #RESTARTING} change later, on their own. */
public enum DeployStatus {
    /** The build command runs. At start-up a leftover one becomes {@link #FAILED}. */
    RUNNING,
    /** The build failed, or its artifact was missing. */
    FAILED,
    /** Built and staged as the current build; no supervisor, so it runs at the next start. */
    BUILT,
    /** Built, staged, and the instance accepted the restart into it. */
    RESTARTING,
    /** Built and staged, but the instance refused or did not answer the restart. */
    RESTART_FAILED,
    /** The instance came back running this build. */
    LIVE,
    /** The instance came back, but not on this build (the supervisor fell back, or no supervisor started it). */
    NOT_BOOTED;

    /** The wire form: lower case, e.g. {@code restart_failed}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeployStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Whether the build itself succeeded. */
    public boolean built() {
        return this != RUNNING && this != FAILED;
    }
}
