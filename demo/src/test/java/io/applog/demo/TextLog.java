package io.applog.demo;

import io.applog.testing.LogLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A text logfile read back for assertions, parsed independently of the demo's own check. */
final class TextLog {
    private static final Pattern SEQ = Pattern.compile("\\bseq=(\\d+)\\b");

    /** One record: its first line and its continuation lines (TAB removed once). */
    record Entry(LogLine line, List<String> more) {
        String level() {
            return line.level();
        }

        String process() {
            return line.process();
        }

        String message() {
            return line.message();
        }
    }

    final List<Entry> entries = new ArrayList<>();

    private TextLog(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("\t")) {
                if (entries.isEmpty()) {
                    fail("continuation line before any record: " + line);
                }
                entries.get(entries.size() - 1).more().add(line.substring(1));
                continue;
            }
            entries.add(new Entry(LogLine.of(line, "neither a continuation line nor a record line: "),
                    new ArrayList<>()));
        }
    }

    static TextLog read(Path file) throws IOException {
        return new TextLog(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The seq numbers of {@code process}'s worker messages, in file order. */
    List<Integer> seqs(String process) {
        List<Integer> seqs = new ArrayList<>();
        for (Entry e : entries) {
            if (e.process().equals(process) && e.line().logger().equals("demo.Worker")) {
                Matcher m = SEQ.matcher(e.message());
                if (m.find()) {
                    seqs.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return seqs;
    }

    /** Asserts that the timestamps of the records never go backwards. */
    void assertTimestampOrder() {
        String last = "";
        for (Entry e : entries) {
            String time = e.line().time();
            assertTrue(time.compareTo(last) >= 0, "out of order: " + e.line() + " after a record of " + last);
            last = time;
        }
    }

    static List<Integer> range(int from, int to) {
        List<Integer> seqs = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            seqs.add(i);
        }
        return seqs;
    }
}
