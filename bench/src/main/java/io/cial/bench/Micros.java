package io.cial.bench;

import java.time.Instant;

/** Wall-clock time in epoch microseconds: the clock the demo engine stamps its lines with. */
final class Micros {

    private Micros() {}

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
