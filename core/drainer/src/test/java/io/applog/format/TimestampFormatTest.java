package io.applog.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static io.applog.format.TestEvents.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampFormatTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static String local(TimestampFormat f, long epochNanos) {
        StringBuilder out = new StringBuilder();
        f.appendLocal(epochNanos, out);
        return out.toString();
    }

    /** What appendUtc appends, checked to be what putUtc writes as bytes. */
    private static String utc(TimestampFormat f, long epochNanos) {
        StringBuilder out = new StringBuilder();
        f.appendUtc(epochNanos, out);
        byte[] bytes = new byte[3 + TimestampFormat.UTC_BYTES];
        int end = f.putUtc(epochNanos, bytes, 3);
        assertEquals(out.toString(), new String(bytes, 3, end - 3, StandardCharsets.US_ASCII), "putUtc " + epochNanos);
        return out.toString();
    }

    @Test
    void fixedEpochInUtc() {
        TimestampFormat f = new TimestampFormat(ZoneOffset.UTC);
        long t = nanos("2026-11-25T05:07:12.345678901Z");
        assertEquals("2026-11-25 05:07:12.345678", local(f, t));
        assertEquals("2026-11-25T05:07:12.345678901Z", utc(f, t));
        assertEquals("1970-01-01 00:00:00.000000", local(f, 0));
        assertEquals("1970-01-01T00:00:00.000000000Z", utc(f, 0));
    }

    @Test
    void fixedEpochInBerlin() {
        TimestampFormat f = new TimestampFormat(BERLIN);
        long t = nanos("2026-11-25T05:07:12.345678901Z");
        assertEquals("2026-11-25 06:07:12.345678", local(f, t));
        assertEquals("2026-11-25T05:07:12.345678901Z", utc(f, t));
        long summer = nanos("2026-07-01T12:00:00.000001Z");
        assertEquals("2026-07-01 14:00:00.000001", local(f, summer));
    }

    @Test
    void microsecondsAreTruncated() {
        TimestampFormat f = new TimestampFormat(ZoneOffset.UTC);
        long t = nanos("2026-11-25T05:07:12.345678999Z");
        assertEquals("2026-11-25 05:07:12.345678", local(f, t));
        assertEquals("2026-11-25T05:07:12.345678999Z", utc(f, t));
        assertEquals("2026-11-25 05:07:12.999999", local(f, nanos("2026-11-25T05:07:12.999999999Z")));
        assertEquals("2026-11-25 05:07:12.000000", local(f, nanos("2026-11-25T05:07:12.000000999Z")));
    }

    @Test
    void springForwardInBerlin() {
        TimestampFormat f = new TimestampFormat(BERLIN);
        assertEquals("2026-03-29 01:59:59.999999", local(f, nanos("2026-03-29T00:59:59.999999999Z")));
        assertEquals("2026-03-29 03:00:00.000000", local(f, nanos("2026-03-29T01:00:00Z")));
        assertEquals("2026-03-29T01:00:00.000000000Z", utc(f, nanos("2026-03-29T01:00:00Z")));
    }

    @Test
    void fallBackInBerlin() {
        TimestampFormat f = new TimestampFormat(BERLIN);
        assertEquals("2026-10-25 02:59:59.500000", local(f, nanos("2026-10-25T00:59:59.5Z")));
        assertEquals("2026-10-25 02:00:00.000000", local(f, nanos("2026-10-25T01:00:00Z")));
        assertEquals("2026-10-25 02:59:59.500000", local(f, nanos("2026-10-25T01:59:59.5Z")));
        assertEquals("2026-10-25 03:00:00.000000", local(f, nanos("2026-10-25T02:00:00Z")));
    }

    @Test
    void negativeEpoch() {
        TimestampFormat f = new TimestampFormat(ZoneOffset.UTC);
        assertEquals("1969-12-31T23:59:59.999999999Z", utc(f, -1));
        assertEquals("1969-12-31 23:59:59.999999", local(f, -1));
        assertEquals("1969-12-31T23:59:58.500000000Z", utc(f, -1_500_000_000L));
        assertEquals("1969-12-31 23:59:58.500000", local(f, -1_500_000_000L));
        assertEquals("1969-12-31T23:59:59.000000000Z", utc(f, -1_000_000_000L));
        assertEquals("1969-12-31 02:00:00.000000", local(new TimestampFormat(BERLIN), -23L * 3600 * 1_000_000_000L));
    }

    @Test
    void extremesAndLeapDay() {
        TimestampFormat f = new TimestampFormat(ZoneOffset.UTC);
        assertEquals("1677-09-21T00:12:43.145224192Z", utc(f, Long.MIN_VALUE));
        assertEquals("2262-04-11T23:47:16.854775807Z", utc(f, Long.MAX_VALUE));
        assertEquals("2024-02-29 23:59:59.000000", local(f, nanos("2024-02-29T23:59:59Z")));
        assertEquals("2024-03-01 00:00:00.000000", local(f, nanos("2024-03-01T00:00:00Z")));
        assertEquals("1900-03-01T00:00:00.000000000Z", utc(f, nanos("1900-03-01T00:00:00Z")));
    }

    @Test
    void cachedSecondIsReusedAndRefreshed() {
        TimestampFormat f = new TimestampFormat(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder("x");
        long t = nanos("2026-11-25T05:07:12Z");
        f.appendUtc(t + 1, out);
        f.appendUtc(t + 2, out);
        f.appendUtc(t + 1_000_000_000L, out);
        f.appendUtc(t, out);
        assertEquals("x2026-11-25T05:07:12.000000001Z2026-11-25T05:07:12.000000002Z"
                + "2026-11-25T05:07:13.000000000Z2026-11-25T05:07:12.000000000Z", out.toString());
    }

    @Test
    void agreesWithJavaTimeOnRandomInstants() {
        DateTimeFormatter localPattern = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        DateTimeFormatter utcPattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        for (ZoneId zone : new ZoneId[] {ZoneOffset.UTC, BERLIN, ZoneId.of("America/St_Johns"),
                ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu")}) {
            TimestampFormat f = new TimestampFormat(zone);
            DateTimeFormatter localInZone = localPattern.withZone(zone);
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < 20_000; i++) {
                long t = random.nextLong();
                if (i % 2 == 1) {
                    t = random.nextLong(-4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L);
                }
                Instant instant = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L),
                        Math.floorMod(t, 1_000_000_000L));
                assertEquals(localInZone.format(instant), local(f, t), zone + " " + t);
                assertEquals(utcPattern.format(instant), utc(f, t), "utc " + t);
            }
        }
    }
}
