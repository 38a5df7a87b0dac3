package io.cial.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of latency samples in microseconds. */
record Stats(int count, long p50, long p99, long max) {

    static final Stats EMPTY = new Stats(0, 0, 0, 0);

    static Stats of(Collection<Long> samples) {
        if (samples.isEmpty()) {
            return EMPTY;
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    /** Microseconds as milliseconds with two decimals. */
    static String ms(long micros) {
        return String.format("%.2f", micros / 1000.0);
    }

    static String ratio(long value, long baseline) {
        return baseline <= 0 ? "n/a" : String.format("%.1f×", (double) value / baseline);
    }
}
