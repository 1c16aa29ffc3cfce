package io.applog.format;

import io.applog.Level;
import io.applog.internal.PatternSyntax;
import io.applog.record.DecodedRecord;
import io.applog.record.RecordDecoder;
import io.applog.record.MutableRecord;
import io.applog.record.RecordEncoder;
import io.applog.record.RecordLayout;
import io.applog.record.StringTable;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte path of the text format: a record read as plain bytes gives exactly the bytes the
 * char path gives (decoded as chars, formatted, encoded to UTF-8), and anything that is not
 * plain is left to the char path. The default pattern compiled as a pattern (the char path of
 * {@link PatternFormat}) gives the text format's bytes for every record here too.
 */
class PlainBytesTest {
    private static final long NANOS = TestEvents.SAMPLE_NANOS;
    /** Index of the records (before their layout number): one block. */
    private static final long INDEX = RollCycles.FAST_DAILY.toIndex(20_000, 4 * RecordLayout.BLOCK_RECORDS);

    private final TextFormat text = new TextFormat(ZoneId.of("UTC"));
    private final JsonFormat json = new JsonFormat();
    private final PatternFormat defaultPattern = PatternFormat.compile(PatternSyntax.DEFAULT, ZoneId.of("UTC"));

    /**
     * A LOG record as writers encode it, three times over: in layout 1 (each string in full),
     * in layout 2 at the first use of its strings in a block (defining them), and in layout 2
     * again (referring to them).
     */
    private static Bytes<?> record(String thread, String logger, String template, String throwable,
                                   Map<String, String> mdc, Object[] kv, Object... args) {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
        RecordEncoder encoder = new RecordEncoder(RollCycles.FAST_DAILY);
        for (int layout = 1; layout <= 3; layout++) {
            MutableRecord record = new MutableRecord().level(Level.WARN).thread(thread).logger(logger)
                    .template(template).arguments(args).throwableText(throwable).mdc(mdc).keyValues(kv);
            encoder.header(bytes, layout == 1 ? RecordLayout.KIND_LOG_V1 : RecordLayout.KIND_LOG, Level.WARN.code());
            if (layout == 1) {
                encoder.logV1(bytes, record);
            } else {
                encoder.log(bytes, record, INDEX + layout);
            }
            encoder.timestamp(bytes, NANOS);
        }
        return bytes;
    }

    private static Bytes<?> record(String template, Object... args) {
        return record("main", "demo.Worker", template, null, null, null, args);
    }

    /**
     * Decodes as a drainer writing {@code format} does (plain text as bytes) or as chars only:
     * the three encodings of {@link #record}, which must read alike (as plain or not, and the
     * same line); returns the last, the record that refers to its strings by id.
     */
    private static DecodedRecord decode(Bytes<?> record, RecordFormat format, boolean plain) {
        RecordDecoder decoder = plain ? new RecordDecoder(format.writesPlainBytes(), format.showsContext())
                : new RecordDecoder();
        StringTable strings = new StringTable(RollCycles.FAST_DAILY);
        record.readPosition(0);
        DecodedRecord[] read = new DecodedRecord[3];
        for (int layout = 1; layout <= 3; layout++) {
            DecodedRecord e = new DecodedRecord();
            byte kind = decoder.header(record);
            assertEquals(layout == 1 ? RecordLayout.KIND_LOG_V1 : RecordLayout.KIND_LOG, kind);
            if (layout == 1) {
                decoder.log(record, e);
            } else {
                strings.enter(INDEX + layout);
                decoder.log(record, e, strings);
            }
            e.process = "worker-2";
            e.pid = 4242;
            read[layout - 1] = e;
        }
        assertEquals(0, record.readRemaining(), "the whole record is read");
        assertEquals(0, strings.unknownCount());
        for (DecodedRecord e : read) {
            assertEquals(read[0].isPlain, e.isPlain, "read as plain in every layout");
            assertArrayEquals(line(read[0], format), line(e, format), "the same line from every layout");
        }
        return read[2];
    }

    private static byte[] line(DecodedRecord e, RecordFormat format) {
        return e.isPlain ? bytePath(e, format) : charPath(e, format);
    }

    private static byte[] charPath(DecodedRecord e, RecordFormat format) {
        StringBuilder out = new StringBuilder();
        format.format(e, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytePath(DecodedRecord e, RecordFormat format) {
        int room = format.maxBytes(e);
        byte[] out = new byte[room + 8];
        Arrays.fill(out, (byte) '#');
        int end = format.formatBytes(e, out, 3);
        assertTrue(end - 3 <= room, "wrote " + (end - 3) + " bytes with room for " + room);
        assertEquals('#', out[end], "nothing written past the end it returns");
        return Arrays.copyOfRange(out, 3, end);
    }

    /** Asserts that {@code format} reads the record as plain or not, and writes what the char path writes. */
    private static String check(Bytes<?> record, RecordFormat format, boolean plain) {
        DecodedRecord chars = decode(record, format, false);
        assertFalse(chars.isPlain);
        assertEquals(-1, format.maxBytes(chars));
        byte[] expected = charPath(chars, format);
        DecodedRecord e = decode(record, format, true);
        assertEquals(plain, e.isPlain, () -> "read as plain: " + new String(expected, StandardCharsets.UTF_8));
        byte[] actual = plain ? bytePath(e, format) : charPath(e, format);
        assertArrayEquals(expected, actual, () -> "char path: " + new String(expected, StandardCharsets.UTF_8)
                + "byte path: " + new String(actual, StandardCharsets.UTF_8));
        if (plain) {
            e.decodePlain(); // a plain event given to the char path reads the same
            assertArrayEquals(expected, charPath(e, format));
        }
        return new String(actual, StandardCharsets.UTF_8);
    }

    /** Plain for both formats, the same bytes as the char path; returns the text line. */
    private String same(Bytes<?> record) {
        check(record, json, true);
        return asDefaultPattern(record, check(record, text, true));
    }

    private void notPlain(Bytes<?> record) {
        check(record, json, false);
        asDefaultPattern(record, check(record, text, false));
    }

    /** Asserts that the default pattern gives {@code line} for {@code record}, from chars and from plain bytes. */
    private String asDefaultPattern(Bytes<?> record, String line) {
        assertEquals(line, new String(charPath(decode(record, defaultPattern, false), defaultPattern), StandardCharsets.UTF_8));
        assertEquals(line, new String(charPath(decode(record, text, true), defaultPattern), StandardCharsets.UTF_8));
        return line;
    }

    @Test
    void sampleLine() {
        assertEquals("2026-11-25 05:07:12.345678 WARN  worker-2[4242] [main] demo.Worker - order 42 for alice\n",
                same(record("order {} for {}", 42, "alice")));
    }

    @Test
    void everyArgumentType() {
        assertEquals("2026-11-25 05:07:12.345678 WARN  worker-2[4242] [main] demo.Worker - "
                        + "-9223372036854775808 9223372036854775807 -128 -32768 true false 0.1 -1.5E-7 NaN x null \t 0 -7\n",
                same(record("{} {} {} {} {} {} {} {} {} {} {} {} {} {}", Long.MIN_VALUE, Long.MAX_VALUE, (byte) -128,
                        (short) -32768, true, false, 0.1, -1.5e-7f, Double.NaN, 'x', null, '\t', 0, -7)));
    }

    @Test
    void slf4jEscapesAndArgumentCounts() {
        same(record("a \\{} b {} c \\\\{} d {}", "X", "Y", "Z"));
        same(record("{}{}{}", 1));
        same(record("no placeholders", 1, 2));
        same(record("{} trailing {", "x"));
        same(record("\\", "x"));
        same(record("{}", ""));
        same(record("", "x"));
        same(record("end \\{}"));
        assertTrue(same(record("\\\\{} at the start", "A")).endsWith(" - \\A at the start\n"));
        assertTrue(same(record("\\{} at the start", "A")).endsWith(" - {} at the start\n"));
    }

    @Test
    void jsonLine() {
        assertEquals("{\"time\":\"2026-11-25T05:07:12.345678901Z\",\"level\":\"WARN\",\"process\":\"worker-2\","
                        + "\"pid\":4242,\"thread\":\"main\",\"logger\":\"demo.Worker\",\"message\":\"say \\\"hi\\\"\\t\\\\ 7\"}\n",
                check(record("say \"{}\"\t\\ {}", "hi", 7), json, true));
    }

    @Test
    void mdcAndKeyValuesAreSkippedByTextAndShownByJson() {
        Object[] kv = {"k1", 1, "k2", "v", "k3", null, "k4", 2.5, "k5", 'c', "k6", true, "k7", 9L,
                "k8", (short) 3, "k9", (byte) 4, "k10", 1.5f, "k11", "ünïcode"};
        Bytes<?> withBoth = record("main", "demo.Worker", "with {}", null, Map.of("user", "ünïcode", "id", "7"), kv, "ctx");
        check(withBoth, text, true);
        check(withBoth, json, false);
        Bytes<?> withMdc = record("main", "demo.Worker", "with {}", null, Map.of("id", "7"), null, "ctx");
        check(withMdc, text, true);
        assertTrue(check(withMdc, json, false).contains("\"mdc\":{\"id\":\"7\"}"));
        Bytes<?> withKv = record("main", "demo.Worker", "with {}", null, null, new Object[] {"k", 1}, "ctx");
        check(withKv, text, true);
        assertTrue(check(withKv, json, false).contains("\"kv\":{\"k\":\"1\"}"));
    }

    @Test
    void processNameIsEscapedAndEncoded() {
        DecodedRecord e = decode(record("hi"), text, true);
        e.process = "wörker\u001b\uD800";
        e.pid = 7;
        assertEquals("2026-11-25 05:07:12.345678 WARN  wörker\\u001B\uFFFD[7] [main] demo.Worker - hi\n",
                new String(bytePath(e, text), StandardCharsets.UTF_8));
        e.process = "other";
        assertTrue(new String(bytePath(e, text), StandardCharsets.UTF_8).contains(" other[7] [main] "));
        DecodedRecord j = decode(record("hi"), json, true);
        j.process = "wörker\u001b\uD800\u2028\"";
        byte[] bytes = bytePath(j, json);
        j.decodePlain();
        assertArrayEquals(charPath(j, json), bytes);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"process\":\"wörker\\u001B\uFFFD\\u2028\\\"\""));
        // names met again after others (the byte path escapes each name once): each record its own
        String[] names = {"a", "b\"", "a", "ü", "b\"", "c\t"};
        for (String name : names) {
            DecodedRecord r = decode(record("hi"), json, true);
            r.process = name;
            byte[] b = bytePath(r, json);
            r.decodePlain();
            assertArrayEquals(charPath(r, json), b, name);
        }
    }

    @Test
    void anythingElseTakesTheCharPath() {
        notPlain(record("ünïcode {}", 1));
        notPlain(record("{}", "ünïcode"));
        notPlain(record("two\nlines"));
        notPlain(record("{}", "two\nlines"));
        notPlain(record("del \u007f"));
        notPlain(record("esc \u001b[2J"));
        notPlain(record("{}", '\n'));
        notPlain(record("{}", 'é'));
        notPlain(record("main\u2028", "demo.Worker", "x", null, null, null));
        notPlain(record("main", "demo.Wörker", "x", null, null, null));
        notPlain(record("main", "demo.Worker", null, null, null, null));
        notPlain(record("main", "demo.Worker", "failed", "java.lang.IllegalStateException: x\n\tat a.b(C.java:1)",
                null, null));
        notPlain(record("{}", "y".repeat(70_000)));
    }

    @Test
    void randomTemplatesAndArgumentsGiveTheSameBytes() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        String alphabet = "ab{}\\ \t%$";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder template = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                template.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Object[] args = new Object[random.nextInt(4)];
            for (int a = 0; a < args.length; a++) {
                StringBuilder arg = new StringBuilder();
                for (int k = random.nextInt(4); k > 0; k--) {
                    arg.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                args[a] = random.nextBoolean() ? arg.toString() : (Object) random.nextInt();
            }
            try {
                same(record(template.toString(), args));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", template '" + template + "', args "
                        + Arrays.toString(args) + ": " + e.getMessage(), e);
            }
        }
    }
}
