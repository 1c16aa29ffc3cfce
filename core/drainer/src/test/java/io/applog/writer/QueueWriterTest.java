package io.applog.writer;

import io.applog.Level;
import io.applog.drain.InProcessDrain;
import io.applog.internal.Queues;
import io.applog.record.MutableRecord;
import io.applog.record.RecordLayout;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records written by a real queue writer and read back by a real drainer. */
class QueueWriterTest {
    @TempDir
    Path tmp;

    private QueueWriter open(String process) throws Exception {
        return QueueWriter.open(tmp.resolve("q"), process, Queues.rollCycle("FIVE_MINUTELY"), 0, false);
    }

    /** The calling thread's record of logger "t". */
    private static MutableRecord record(Level level, String template) {
        return MutableRecord.acquire().level(level).logger("t").template(template);
    }

    private List<String> drain(String format) throws Exception {
        Path out = tmp.resolve("out." + format);
        InProcessDrain.drain(tmp.resolve("q"), out, format);
        return Files.readAllLines(out);
    }

    @Test
    void shouldTouchPagesAheadWithoutChangingARecordAndStopOnClose() throws Exception {
        String payload = "x".repeat(1000);
        QueueWriter w = QueueWriter.open(tmp.resolve("q"), "p", Queues.rollCycle("FIVE_MINUTELY"), 0, true);
        try {
            for (int i = 0; i < 2_000; i++) { // about 2 MB: the appender keeps moving ahead
                assertTrue(w.append(record(Level.INFO, "{} {}").argument(i).argument(payload)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (w.pagesPretouched() < 64 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(w.pagesPretouched() >= 64, "pages touched: " + w.pagesPretouched());
        } finally {
            w.close();
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("applog-pretouch") && t.isAlive()));
        List<String> lines = drain("text");
        assertEquals(2_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).endsWith(" t - " + i + " " + payload), lines.get(i));
        }
    }

    @Test
    void shouldRoundTripEveryArgumentTypeAndTheMessageTemplate() throws Exception {
        try (QueueWriter w = open("p")) {
            Object[] args = {"s", 42, -7L, 1.5d, 2.5f, true, 'c', (byte) 3, (short) -4, null};
            assertTrue(w.append(MutableRecord.acquire().level(Level.WARN).logger("a.B")
                    .template("{} {} {} {} {} {} {} {} {} {} {}").arguments(args)));
        }
        List<String> lines = drain("text");
        assertEquals(1, lines.size());
        LogLine record = LogLine.of(lines.get(0), "");
        assertEquals(new LogLine(record.time(), "WARN", "p", ProcessHandle.current().pid(), "main", "a.B",
                "s 42 -7 1.5 2.5 true c 3 -4 null {}"), record, "every field but the time");
    }

    @Test
    void shouldGiveOneRecordPerLineForTheInjectionCorpus() throws Exception {
        String[] corpus = {"cr\rlf\nnul\0end", "esc\u001b[2Jclear", "osc\u001b]0;title\u0007",
                "csi\u009b31m", "ls\u2028ps\u2029", "rlo\u202Egnp.exe", "lone\uD800high",
                "lone\uDC00low", "${jndi:ldap://x}", "%n%s", "{}"};
        try (QueueWriter w = open("p")) {
            for (String c : corpus) {
                assertTrue(w.append(record(Level.INFO, c)));
            }
            assertTrue(w.append(record(Level.INFO, "arg {}")
                    .argument("x\n2026-01-01 00:00:00.000000 ERROR forged")));
        }
        List<String> lines = drain("text");
        List<String> messages = lines.stream().map(QueueWriterTest::messageOfP).toList();
        assertEquals(List.of("cr\\u000Dlf", "\tnul\\u0000end", "esc\\u001B[2Jclear", "osc\\u001B]0;title\\u0007",
                "csi\\u009B31m", "ls\\u2028ps\\u2029", "rlo\\u202Egnp.exe", "lone\uFFFDhigh", "lone\uFFFDlow",
                "${jndi:ldap://x}", "%n%s", "{}", "arg x", "\t2026-01-01 00:00:00.000000 ERROR forged"), messages);
        long recordLines = lines.stream().filter(l -> LogLine.parse(l) != null).count();
        assertEquals(corpus.length + 1, recordLines);
    }

    /** The message of an INFO record of process p, thread main, logger t; any other line as it is. */
    private static String messageOfP(String line) {
        LogLine record = LogLine.parse(line);
        if (record == null) {
            return line;
        }
        assertEquals("INFO p " + ProcessHandle.current().pid() + " main t", String.join(" ", record.level(),
                record.process(), Long.toString(record.pid()), record.thread(), record.logger()), line);
        return record.message();
    }

    @Test
    void shouldWriteJsonLinesWithMdcKeyValuesAndException() throws Exception {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("device", "d-7");
        try (QueueWriter w = open("worker-2")) {
            w.append(MutableRecord.acquire().level(Level.ERROR).logger("demo.Worker").template("failed {}")
                    .argument("x").throwableText("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n")
                    .mdc(mdc).keyValue("attempt", 3));
        }
        List<String> lines = drain("json");
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z\",\"level\":\"ERROR\","
                + "\"process\":\"worker-2\",\"pid\":" + ProcessHandle.current().pid() + ",\"thread\":\"main\","
                + "\"logger\":\"demo.Worker\",\"message\":\"failed x\","
                + "\"exception\":\"java.lang.IllegalStateException: boom\\\\n\\\\tat a.B.c\\(B.java:1\\)\","
                + "\"mdc\":\\{\"device\":\"d-7\"},\"kv\":\\{\"attempt\":\"3\"}}"), line);
    }

    @Test
    void shouldTruncateAHugeMessageWithAVisibleMarker() throws Exception {
        String huge = "x".repeat(10 * 1024 * 1024);
        try (QueueWriter w = open("p")) {
            assertTrue(w.append(record(Level.INFO, huge)));
            assertTrue(w.append(record(Level.INFO, "after")));
        }
        List<String> lines = drain("text");
        assertEquals(2, lines.size());
        String kept = "x".repeat(RecordLayout.MAX_FIELD_CHARS);
        assertTrue(lines.get(0).endsWith(" - " + kept + RecordLayout.TRUNCATED_MARKER
                + (huge.length() - RecordLayout.MAX_FIELD_CHARS) + " chars]"));
        assertTrue(lines.get(1).endsWith(" - after"));
    }

    @Test
    void shouldDropAndCountRecordsAfterCloseWithoutThrowing() throws Exception {
        QueueWriter w = open("p");
        w.close();
        assertFalse(w.append(record(Level.INFO, "late")));
        assertEquals(1, w.dropped());
    }

    @Test
    void shouldKeepTimestampsMonotoneAcrossThreads() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        try (QueueWriter w = open("p")) {
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = new Thread(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        w.append(record(Level.INFO, "t={} i={}").argument(id).argument(i));
                    }
                }, "writer-" + t);
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join(60_000);
                assertFalse(t.isAlive(), t.getName() + " still appends after 60 s");
            }
            assertEquals(0, w.dropped());
        }
        List<String> lines = drain("text");
        assertEquals(threads * perThread, lines.size());
        String last = "";
        int[] next = new int[threads];
        Pattern message = Pattern.compile("t=(\\d) i=(\\d+)");
        for (String line : lines) {
            LogLine record = LogLine.of(line, "");
            assertTrue(record.time().compareTo(last) >= 0, line);
            last = record.time();
            var m = message.matcher(record.message());
            assertTrue(m.matches(), line);
            int t = Integer.parseInt(m.group(1));
            assertEquals("writer-" + t + " t", record.thread() + " " + record.logger(), line);
            assertEquals(++next[t], Integer.parseInt(m.group(2)), line);
        }
    }
}
