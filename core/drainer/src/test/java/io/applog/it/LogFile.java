package io.applog.it;

import io.applog.testing.LogLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Reads a text logfile written from {@link WriterMain} records and checks it. */
final class LogFile {
    private static final Pattern SEQ = Pattern.compile("w=(\\S+) seq=(\\d+)");

    final List<String> lines;

    LogFile(List<String> lines) {
        this.lines = lines;
    }

    static LogFile read(Path file) throws IOException {
        return new LogFile(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Sequence numbers per writer, in file order; fails on any line that is not a record. */
    Map<String, List<Integer>> sequences() {
        Map<String, List<Integer>> seqs = new HashMap<>();
        for (String line : lines) {
            LogLine record = LogLine.of(line, "");
            Matcher s = SEQ.matcher(record.message());
            if (s.matches()) {
                assertEquals(s.group(1), record.process(), "process name of " + line);
                seqs.computeIfAbsent(s.group(1), k -> new ArrayList<>()).add(Integer.parseInt(s.group(2)));
            }
        }
        return seqs;
    }

    /** Asserts that every line is a record and that the timestamps never go backwards. */
    void assertTimestampOrder() {
        String last = "";
        for (String line : lines) {
            String time = LogLine.of(line, "").time();
            assertTrue(time.compareTo(last) >= 0, "out of order: " + line + " after " + last);
            last = time;
        }
    }

    /** Asserts that {@code seqs} is exactly 1..n. */
    static void assertRange(List<Integer> seqs, int n, String who) {
        if (seqs == null) {
            fail(who + ": no record");
        }
        assertEquals(n, seqs.size(), who + ": record count");
        for (int i = 0; i < n; i++) {
            if (seqs.get(i) != i + 1) {
                fail(who + ": expected seq " + (i + 1) + " at position " + i + " but was " + seqs.get(i));
            }
        }
    }

    /** Lines of app.log.N .. app.log.1 then app.log (oldest first), gunzipping .gz files. */
    static List<String> rotatedLines(Path logfile, int max) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = max; i >= 1; i--) {
            Path plain = logfile.resolveSibling(logfile.getFileName() + "." + i);
            Path gz = logfile.resolveSibling(logfile.getFileName() + "." + i + ".gz");
            if (Files.exists(plain)) {
                lines.addAll(Files.readAllLines(plain));
            } else if (Files.exists(gz)) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                }
            }
        }
        lines.addAll(Files.readAllLines(logfile));
        return lines;
    }
}
