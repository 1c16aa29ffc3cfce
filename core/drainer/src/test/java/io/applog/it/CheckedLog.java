package io.applog.it;

import io.applog.testing.LogLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A text logfile of {@link CheckedRecords}, read line by line (it may be hundreds of MB) and
 * checked as it is read: every line a record, every record a checked one whose process is its
 * writer, checksum valid, payload exactly the one logged, timestamps never going backwards.
 */
final class CheckedLog {
    private static final Pattern CHECKED = Pattern.compile("w=(\\S+) seq=(\\d+) crc=([0-9a-f]{8}) p=(.*)");

    /** Sequence numbers per writer, in file order. */
    final Map<String, List<Integer>> seqs = new TreeMap<>();
    /** The distinct seconds ({@code yyyy-MM-dd HH:mm:ss}) of the records. */
    final Set<String> seconds = new TreeSet<>();
    long records;
    private final String context;
    /** The process column may be {@code <writer>@<host>} (a logfile merged across hosts). */
    private final boolean withHost;

    private CheckedLog(String context, boolean withHost) {
        this.context = context;
        this.withHost = withHost;
    }

    /**
     * Reads and checks {@code file}; {@code payloadChars} as given to the writers
     * ({@link CheckedRecords#VARYING} or a fixed length); {@code context} starts every failure
     * message (the seed of a randomised test, say).
     */
    static CheckedLog read(Path file, int payloadChars, String context) throws IOException {
        return read(file, writer -> payloadChars, context);
    }

    /** As {@link #read(Path, int, String)}, with the payload length given per writer. */
    static CheckedLog read(Path file, ToIntFunction<String> payloadChars, String context) throws IOException {
        return read(file, payloadChars, context, false, true);
    }

    /**
     * As {@link #read(Path, ToIntFunction, String)}; with {@code withHost} the process column may
     * be {@code <writer>@<host>} (the collector adds the host once it has seen two); with {@code inTimeOrder} false, timestamps may go backwards
     * between writers (each writer's order is still checked by {@link #assertExactly}).
     */
    static CheckedLog read(Path file, ToIntFunction<String> payloadChars, String context, boolean withHost,
                           boolean inTimeOrder) throws IOException {
        CheckedLog log = new CheckedLog(context, withHost);
        String last = "";
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                LogLine record = LogLine.of(line, context);
                if (inTimeOrder && record.time().compareTo(last) < 0) {
                    fail(context + "out of order: " + LogLine.abbreviate(line) + " after " + last);
                }
                last = record.time();
                log.check(record.process(), record.message(), payloadChars);
                log.seconds.add(last.substring(0, 19));
            }
        }
        return log;
    }

    private void check(String process, String message, ToIntFunction<String> payloadChars) {
        Matcher c = CHECKED.matcher(message);
        if (!c.matches()) {
            fail(context + "not a checked record: " + LogLine.abbreviate(message));
        }
        String writer = c.group(1);
        int seq = Integer.parseInt(c.group(2));
        String payload = c.group(4);
        String where = context + writer + " seq " + seq + ": ";
        assertEquals(writer, withHost && process.indexOf('@') > 0 ? process.substring(0, process.indexOf('@')) : process,
                where + "process name");
        assertEquals(CheckedRecords.crc(writer, seq, payload), c.group(3), where + "checksum");
        String expected = CheckedRecords.payload(writer, seq, payloadChars.applyAsInt(writer));
        if (!expected.equals(payload)) {
            int at = 0;
            while (at < Math.min(expected.length(), payload.length()) && expected.charAt(at) == payload.charAt(at)) {
                at++;
            }
            fail(where + "payload differs at char " + at + " (lengths " + expected.length() + ", " + payload.length() + ")");
        }
        seqs.computeIfAbsent(writer, k -> new ArrayList<>()).add(seq);
        records++;
    }

    /** Asserts that {@code writer}'s records are exactly 1..n in order. */
    void assertExactly(String writer, int n) {
        List<Integer> s = seqs.get(writer);
        if (s == null) {
            fail(context + writer + ": no record");
        }
        LogFile.assertRange(s, n, context + writer);
    }
}
