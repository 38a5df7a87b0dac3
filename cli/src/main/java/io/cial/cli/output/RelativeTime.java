package io.cial.cli.output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Renders API timestamps (ISO-8601) relative to now: {@code just now}, {@code 5m ago}, {@code 3d ago}, or a date. */
public final class RelativeTime {

    private final Clock clock;

    public RelativeTime(Clock clock) {
        this.clock = clock;
    }

    /** The readable form, or the raw text when it is not an ISO-8601 instant; empty for null. */
    public String format(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        Instant then;
        try {
            then = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        return format(then);
    }

    public String format(Instant then) {
        Duration age = Duration.between(then, clock.instant());
        if (age.isNegative()) {
            return age.abs().toSeconds() < 60 ? "just now" : "in " + span(age.abs());
        }
        if (age.toSeconds() < 10) {
            return "just now";
        }
        if (age.toDays() >= 30) {
            return LocalDate.ofInstant(then, ZoneId.systemDefault()).toString();
        }
        return span(age) + " ago";
    }

    private static String span(Duration d) {
        if (d.toSeconds() < 60) {
            return d.toSeconds() + "s";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + "m";
        }
        if (d.toHours() < 48) {
            return d.toHours() + "h";
        }
        return d.toDays() + "d";
    }
}
