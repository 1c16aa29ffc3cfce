package io.applog.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the part of a text logfile one demo run wrote (from a byte offset) and counts
 * what is in it: record lines per process, continuation lines, records out of timestamp order, stack
 * frames, and the {@code seq=} numbers of every worker in file order.
 */
final class LogCheck {
    /** A record line: timestamp, level, process[pid], [thread], logger, message. */
    static final Pattern RECORD = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (TRACE|DEBUG|INFO |WARN |ERROR) "
                    + "(\\S+)\\[(\\d+)\\] \\[([^\\]]*)\\] (\\S+) - (.*)");
    /** Length of the sortable timestamp at the start of a record line. */
    static final int TIMESTAMP_LENGTH = 26;
    private static final Pattern SEQ = Pattern.compile("(?<![\\w=])seq=(\\d+)\\b");

    private final Map<String, Integer> records = new TreeMap<>(LogCheck::compareProcesses);
    private final Map<String, List<Integer>> seqs = new TreeMap<>(LogCheck::compareProcesses);
    private int lines;
    private int continuations;
    private int malformed;
    private int outOfOrder;
    private int stackFrames;
    private String firstMalformed;
    private String firstOutOfOrder;

    private LogCheck() {
    }

    /** Reads {@code logfile} from byte {@code offset} on; a missing file reads as empty. */
    static LogCheck read(Path logfile, long offset) throws IOException {
        LogCheck check = new LogCheck();
        if (!Files.isRegularFile(logfile, LinkOption.NOFOLLOW_LINKS)) {
            return check;
        }
        String text;
        try (InputStream in = Files.newInputStream(logfile, LinkOption.NOFOLLOW_LINKS)) {
            in.skipNBytes(Math.min(offset, Files.size(logfile)));
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String latest = "";
        String latestLine = "";
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            check.lines++;
            if (line.charAt(0) == '\t') {
                check.continuations++;
                if (isStackFrame(line)) {
                    check.stackFrames++;
                }
                continue;
            }
            Matcher m = RECORD.matcher(line);
            if (!m.matches()) {
                check.malformed++;
                if (check.firstMalformed == null) {
                    check.firstMalformed = line;
                }
                continue;
            }
            String time = m.group(1);
            if (time.compareTo(latest) < 0) {
                if (check.outOfOrder++ == 0) {
                    check.firstOutOfOrder = line + "\n  after " + latestLine;
                }
            } else {
                latest = time;
                latestLine = line;
            }
            String process = m.group(3);
            check.records.merge(process, 1, Integer::sum);
            if (WorkerPlan.WORKER_LOGGER.equals(m.group(6))) {
                Matcher s = SEQ.matcher(m.group(7));
                if (s.find()) {
                    check.seqs.computeIfAbsent(process, k -> new ArrayList<>()).add(Integer.parseInt(s.group(1)));
                }
            }
        }
        return check;
    }

    /** A continuation line {@code TAB at ...} (a nested throwable's frames have more TABs). */
    static boolean isStackFrame(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '\t') {
            i++;
        }
        return i > 0 && line.startsWith("at ", i);
    }

    /** {@code main} first, then {@code worker-N} by N, then the rest by name. */
    static int compareProcesses(String a, String b) {
        int ra = rank(a);
        int rb = rank(b);
        return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
    }

    private static int rank(String process) {
        if ("main".equals(process)) {
            return -1;
        }
        if (process.startsWith(WorkerPlan.WORKER_PREFIX)) {
            try {
                return Integer.parseInt(process.substring(WorkerPlan.WORKER_PREFIX.length()));
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Record lines per process name. */
    Map<String, Integer> records() {
        return Collections.unmodifiableMap(records);
    }

    int records(String process) {
        return records.getOrDefault(process, 0);
    }

    /** The {@code seq=} numbers of {@code process}'s worker messages, in file order. */
    List<Integer> seqs(String process) {
        return Collections.unmodifiableList(seqs.getOrDefault(process, List.of()));
    }

    int totalRecords() {
        int n = 0;
        for (int r : records.values()) {
            n += r;
        }
        return n;
    }

    /** Physical lines read. */
    int lines() {
        return lines;
    }

    int continuations() {
        return continuations;
    }

    int malformed() {
        return malformed;
    }

    String firstMalformed() {
        return firstMalformed;
    }

    /** Record lines whose timestamp is earlier than that of some record line before them. */
    int outOfOrder() {
        return outOfOrder;
    }

    /** The first record line out of order and the latest record line above it, or null. */
    String firstOutOfOrder() {
        return firstOutOfOrder;
    }

    /** Continuation lines that are stack frames ({@code TAB at ...}). */
    int stackFrames() {
        return stackFrames;
    }
}
