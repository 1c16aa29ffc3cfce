package io.applog.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Writes epoch nanoseconds as text, recomputing the date and time of day only when the epoch
 * second changes.
 *
 * <ul>
 *   <li>{@link #appendLocal}: {@code 2026-11-25 05:07:12.345678} in the zone given at
 *       construction, microseconds truncated;</li>
 *   <li>{@link #appendUtc}: {@code 2026-11-25T05:07:12.345678901Z}.</li>
 * </ul>
 *
 * <p>The local offset is looked up in the zone rules for each new second, so daylight saving
 * transitions are always honoured. Instances are not thread-safe: use one per thread.
 */
public final class TimestampFormat {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int PREFIX_CAPACITY = 32;
    /** Length of what {@link #putLocal} writes (epoch nanos in a long are years 1677 to 2262). */
    public static final int LOCAL_BYTES = 26;
    /** Room enough for what {@link #putUtc} writes (30 bytes for years 0 to 9999; up to 32 beyond). */
    public static final int UTC_BYTES = PREFIX_CAPACITY + 10;

    private final ZoneRules rules;

    private long localSecond = Long.MIN_VALUE;
    private final char[] localPrefix = new char[PREFIX_CAPACITY];
    private final byte[] localPrefixBytes = new byte[PREFIX_CAPACITY];
    private int localLength;

    private long utcSecond = Long.MIN_VALUE;
    private final char[] utcPrefix = new char[PREFIX_CAPACITY];
    private final byte[] utcPrefixBytes = new byte[PREFIX_CAPACITY];
    private int utcLength;

    /** Creates a formatter whose local times are in {@code zone}. */
    public TimestampFormat(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Appends {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in the local zone, truncated to microseconds. */
    public void appendLocal(long epochNanos, StringBuilder out) {
        final long second = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        final int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        localSecond(second);
        // the fraction goes after the cached date and time: one append per timestamp
        final int end = put(nanos / 1000, 6, localPrefix, localLength + 1);
        out.append(localPrefix, 0, end);
    }

    /**
     * Writes what {@link #appendLocal} appends as ASCII bytes into {@code out} from {@code at};
     * returns the end ({@value #LOCAL_BYTES} bytes on).
     */
    public int putLocal(long epochNanos, byte[] out, int at) {
        final long second = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        final int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        localSecond(second);
        final int dot = localLength;
        System.arraycopy(localPrefixBytes, 0, out, at, dot + 1);
        return put(nanos / 1000, 6, out, at + dot + 1);
    }

    /** Makes the cached local date and time (chars and bytes, with the dot) those of {@code second}. */
    private void localSecond(long second) {
        if (second != localSecond) {
            final int offset = rules.getOffset(Instant.ofEpochSecond(second)).getTotalSeconds();
            localLength = writeDateTime(second + offset, ' ', localPrefix);
            localPrefix[localLength] = '.';
            for (int i = 0; i <= localLength; i++) {
                localPrefixBytes[i] = (byte) localPrefix[i];
            }
            localSecond = second;
        }
    }

    /** Appends {@code yyyy-MM-ddTHH:mm:ss.SSSSSSSSSZ} in UTC. */
    public void appendUtc(long epochNanos, StringBuilder out) {
        final int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        utcSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND));
        final int end = put(nanos, 9, utcPrefix, utcLength + 1);
        out.append(utcPrefix, 0, end + 1);
    }

    /**
     * Writes what {@link #appendUtc} appends as ASCII bytes into {@code out} from {@code at}
     * (room for {@value #UTC_BYTES} bytes); returns the end.
     */
    public int putUtc(long epochNanos, byte[] out, int at) {
        final int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        utcSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND));
        final int dot = utcLength;
        System.arraycopy(utcPrefixBytes, 0, out, at, dot + 1);
        final int end = put(nanos, 9, out, at + dot + 1);
        out[end] = 'Z';
        return end + 1;
    }

    /** Makes the cached UTC date and time (chars and bytes, with the dot) those of {@code second}. */
    private void utcSecond(long second) {
        if (second != utcSecond) {
            utcLength = writeDateTime(second, 'T', utcPrefix);
            utcPrefix[utcLength] = '.';
            utcPrefix[utcLength + 1 + 9] = 'Z';
            for (int i = 0; i <= utcLength; i++) {
                utcPrefixBytes[i] = (byte) utcPrefix[i];
            }
            utcSecond = second;
        }
    }

    /** Writes the civil date and time of {@code localEpochSecond}; returns the length written. */
    private static int writeDateTime(long localEpochSecond, char separator, char[] dst) {
        final long epochDay = Math.floorDiv(localEpochSecond, SECONDS_PER_DAY);
        final int secondOfDay = Math.floorMod(localEpochSecond, SECONDS_PER_DAY);

        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        int p = 0;
        if (year >= 0 && year <= 9999) {
            p = put((int) year, 4, dst, p);
        } else {
            final String text = Long.toString(year);
            text.getChars(0, text.length(), dst, 0);
            p = text.length();
        }
        dst[p++] = '-';
        p = put(month, 2, dst, p);
        dst[p++] = '-';
        p = put(day, 2, dst, p);
        dst[p++] = separator;
        p = put(secondOfDay / 3600, 2, dst, p);
        dst[p++] = ':';
        p = put(secondOfDay / 60 % 60, 2, dst, p);
        dst[p++] = ':';
        return put(secondOfDay % 60, 2, dst, p);
    }

    private static int put(int value, int digits, byte[] dst, int at) {
        int v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    private static int put(int value, int digits, char[] dst, int at) {
        int v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }
}
