package io.applog.bench.report;

import java.util.Locale;

/** Number formats of the report; Locale.ROOT, so a run anywhere gives the same text. */
final class Format {
    private Format() {
    }

    /** Nanoseconds with a readable unit: {@code 212 ns}, {@code 3.4 µs}, {@code 12.5 ms}; NaN as {@code -}. */
    static String nanos(double ns) {
        if (Double.isNaN(ns)) {
            return "-";
        }
        if (ns < 10_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 999_950) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        if (ns < 999_950_000) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", ns / 1e9);
    }

    static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : nanos(ms * 1e6);
    }

    /** A rate per second: {@code 812 k/s}, {@code 2.41 M/s}. */
    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "-";
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0f k/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f /s", perSecond);
    }

    /** Bytes per operation rounded to whole bytes; null (no -prof gc) as {@code -}. */
    static String bytes(Double b) {
        return b == null ? "-" : String.format(Locale.ROOT, "%.0f B", b);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
