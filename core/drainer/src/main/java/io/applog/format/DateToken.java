package io.applog.format;

import io.applog.record.DecodedRecord;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code %d{pattern, zone, locale}}: the record's time with a {@link DateTimeFormatter} pattern
 * (Logback's {@code %d}; {@code ISO8601}, the default, is {@code yyyy-MM-dd HH:mm:ss,SSS},
 * {@code STRICT} is {@code yyyy-MM-dd'T'HH:mm:ss,SSS}), in the zone given or the format's zone,
 * with the locale given or {@link Locale#ROOT} (so a logfile reads the same on every machine).
 *
 * <p>The text of a second is formatted once and kept; the fraction-of-second fields
 * ({@code S} to {@code SSSSSSSSS}, truncated) are written per record from the nanoseconds, so a
 * record allocates nothing. The other sub-second fields ({@code n}, {@code N}, {@code A}) are
 * refused.
 */
final class DateToken implements PatternToken {
    static final String ISO8601 = "yyyy-MM-dd HH:mm:ss,SSS";
    static final String STRICT = "yyyy-MM-dd'T'HH:mm:ss,SSS";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Stands in the formatted second for each digit of a fraction (a private-use char). */
    private static final char FRACTION = '\uE000';
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    private final DateTimeFormatter formatter;
    private long second = Long.MIN_VALUE;
    private char[] text = new char[0];
    /** Start in {@link #text} of each fraction, and its number of digits. */
    private int[] fractionAt = new int[0];
    private int[] fractionDigits = new int[0];
    private int fractions;

    /**
     * @param pattern a {@link DateTimeFormatter} pattern, {@code ISO8601}, {@code STRICT} or null (ISO8601)
     * @param zone    time zone of the text
     * @param locale  for names of months and days
     * @throws IllegalArgumentException describing what is wrong with the pattern
     */
    DateToken(String pattern, ZoneId zone, Locale locale) {
        String p = pattern == null || pattern.isEmpty() || pattern.equals("ISO8601") ? ISO8601
                : pattern.equals("STRICT") ? STRICT : pattern;
        try {
            this.formatter = DateTimeFormatter.ofPattern(withPlaceholders(p), locale).withZone(zone);
            refresh(0);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void render(DecodedRecord record, StringBuilder out) {
        final long s = Math.floorDiv(record.timestampNanos, NANOS_PER_SECOND);
        final int nanos = (int) Math.floorMod(record.timestampNanos, NANOS_PER_SECOND);
        if (s != second) {
            refresh(s);
        }
        int from = 0;
        for (int k = 0; k < fractions; k++) {
            final int at = fractionAt[k];
            final int digits = fractionDigits[k];
            out.append(text, from, at - from);
            int v = nanos / POWERS[MAX_FRACTION_DIGITS - digits];
            for (int d = digits - 1; d >= 0; d--) {
                final int power = POWERS[d];
                out.append((char) ('0' + v / power));
                v %= power;
            }
            from = at + digits;
        }
        out.append(text, from, text.length - from);
    }

    /** Formats the second {@code s}, noting where its fractions go. */
    private void refresh(long s) {
        final String formatted = formatter.format(Instant.ofEpochSecond(s));
        text = formatted.toCharArray();
        int count = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == FRACTION && (i == 0 || text[i - 1] != FRACTION)) {
                count++;
            }
        }
        if (fractionAt.length < count) {
            fractionAt = new int[count];
            fractionDigits = new int[count];
        }
        int k = 0;
        for (int i = 0; i < text.length; ) {
            if (text[i] != FRACTION) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length && text[end] == FRACTION && end - i < MAX_FRACTION_DIGITS) {
                end++;
            }
            fractionAt[k] = i;
            fractionDigits[k] = end - i;
            k++;
            i = end;
        }
        fractions = k;
        second = s;
    }

    /**
     * The pattern with each run of {@code S} outside quotes replaced by as many quoted
     * {@link #FRACTION} chars.
     */
    static String withPlaceholders(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        final int n = pattern.length();
        int i = 0;
        while (i < n) {
            final char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                end = end < 0 ? n : end + 1;
                out.append(pattern, i, end);
                i = end;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                int end = i;
                while (end < n && pattern.charAt(end) == c) {
                    end++;
                }
                if (c == 'n' || c == 'N' || c == 'A') {
                    throw new IllegalArgumentException("'" + c + "' is not supported (S to SSSSSSSSS give fractions of a second)");
                }
                if (c == 'S') {
                    if (end - i > MAX_FRACTION_DIGITS) {
                        throw new IllegalArgumentException("more than 9 S");
                    }
                    out.append('\'');
                    for (int k = i; k < end; k++) {
                        out.append(FRACTION);
                    }
                    out.append('\'');
                } else {
                    out.append(pattern, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
