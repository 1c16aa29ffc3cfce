package io.applog.testing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One record line of a text logfile, parsed; the one parser of the tests:
 * {@code 2026-11-25 05:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - message}. A line
 * parses only if every field has its exact shape (microseconds, the level padded to five
 * characters, a numeric pid); {@link #level} is given without the padding.
 *
 * @param time    local time as written, {@code yyyy-MM-dd HH:mm:ss.SSSSSS}
 * @param level   TRACE, DEBUG, INFO, WARN or ERROR
 * @param process process name
 * @param pid     process id
 * @param thread  thread name
 * @param logger  logger name
 * @param message the message (the rest of the line)
 */
public record LogLine(String time, String level, String process, long pid, String thread, String logger,
                      String message) {
    private static final Pattern LINE = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (TRACE|DEBUG|INFO |WARN |ERROR) "
                    + "(\\S+)\\[(\\d+)\\] \\[([^\\]]*)\\] (\\S+) - (.*)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** The record of {@code line}, or null if it is not a record line (a TAB continuation line, say). */
    public static LogLine parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new LogLine(m.group(1), m.group(2).trim(), m.group(3), Long.parseLong(m.group(4)), m.group(5),
                m.group(6), m.group(7));
    }

    /** The record of {@code line}; fails the test, quoting the line, if it is not a record line. */
    public static LogLine of(String line, String context) {
        LogLine parsed = parse(line);
        if (parsed == null) {
            fail(context + "not a record line: " + abbreviate(line));
        }
        return parsed;
    }

    /** The record lines of process {@code process} among {@code lines} (a text logfile), in file order. */
    public static List<String> linesOf(List<String> lines, String process) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            LogLine record = parse(line);
            if (record != null && record.process().equals(process)) {
                out.add(line);
            }
        }
        return out;
    }

    /** {@code LEVEL logger - message}: the record as tests compare it, without its time, process and thread. */
    public String summary() {
        return level + " " + logger + " - " + message;
    }

    /** The record's time as an instant (the text format writes the system zone's local time). */
    public Instant instant() {
        return LocalDateTime.parse(time, TIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    /** {@code s}, or its first 300 chars and its length when it is longer. */
    public static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
