package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.record.RecordLayout;
import net.openhft.chronicle.bytes.UTFDataFormatRuntimeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is known of the damage in one writer queue, and what is kept of it: each damaged place
 * is one line on stderr (file, index, what was wrong, how many records were skipped, where
 * reading goes on; no dump of bytes) and, unless reading only, one line in
 * {@code <cycle file>.damaged} next to the cycle file. A cycle file with such a note is never
 * deleted, and a writer queue with one is set aside as {@code <writer dir>.damaged} instead
 * of being deleted once read ({@link #setAside}). The notes carry the counts across a restart
 * of the drainer: a place noted before is not counted again. An index is a record's number in
 * its cycle file, from 0.
 */
final class DamageNotes {
    /** Suffix of a damage note next to its cycle file, and of a writer directory set aside. */
    static final String SUFFIX = ".damaged";
    private static final int MAX_LINES = 20;
    private static final int PROBLEM_CHARS = 160;
    private static final Pattern NOTE = Pattern.compile("index=(\\d+) skipped=(\\d+) .*");

    private final Path dir;
    private final boolean readOnly;
    /** Skipped records per damaged place ({@code <file> <index>}), from the notes and this run. */
    private final Map<String, Long> skipped = new HashMap<>();
    private final Set<String> damagedFiles = new HashSet<>();
    private long unreadable;
    private long unknownStrings;
    private int lines;

    /**
     * @param dir      the writer directory
     * @param readOnly report only: no notes are written and nothing is set aside ({@code cat})
     */
    DamageNotes(Path dir, boolean readOnly) {
        this.dir = dir;
        this.readOnly = readOnly;
        if (!readOnly) {
            loadNotes();
        }
    }

    /** Records found unreadable in this writer queue (by this reader, or by an earlier drainer per the notes). */
    long unreadable() {
        return unreadable;
    }

    /**
     * References to strings not defined in their block, read in this run: records written
     * with a placeholder for a string whose definition was in a record lost to damage.
     */
    long unknownStrings() {
        return unknownStrings;
    }

    /**
     * Counts and reports {@code n} references to strings not defined in their block in record
     * {@code index} of the cycle file {@code file}, the last to id {@code id}. The record is
     * written with a placeholder; the damage that lost the definition is noted where found.
     */
    void unknownStrings(String file, long index, long n, long id) {
        unknownStrings += n;
        if (lines < MAX_LINES) {
            InternalLog.warn("damaged queue file " + dir.resolve(file) + ": record index=" + index
                    + " refers to string #" + id + ", not defined in its block (its definition unreadable); written as "
                    + RecordLayout.unknownString(id));
        } else if (lines == MAX_LINES) {
            InternalLog.warn("further damage in " + dir + " is counted, not listed");
        }
        lines++;
    }

    /** True if a cycle file of this writer queue is damaged. */
    boolean any() {
        return !damagedFiles.isEmpty();
    }

    /** True if the cycle file {@code fileName} is damaged: it is kept, never deleted. */
    boolean damaged(String fileName) {
        return damagedFiles.contains(fileName);
    }

    /** Marks the cycle file {@code fileName} as damaged without records lost (kept, never deleted). */
    void damagedWithoutLoss(String fileName, String line) {
        damagedFiles.add(fileName);
        InternalLog.warn("damaged queue file " + dir.resolve(fileName) + ": " + line);
    }

    /**
     * Counts, notes and reports {@code n} records skipped from index {@code from} of the cycle
     * file {@code file}; {@code problem} says what was found there (null: records after ones
     * already reported), {@code then} where reading goes on.
     */
    void found(String file, long from, long n, String problem, String then) {
        if (problem == null && n == 0) {
            return;
        }
        damagedFiles.add(file);
        final String key = file + " " + from;
        final String what = problem != null ? problem : "records from index=" + from + " unreadable (after unreadable ones)";
        if (!skipped.containsKey(key)) {
            skipped.put(key, n);
            unreadable += n;
            note(file, "index=" + from + " skipped=" + n + " " + what);
        }
        if (lines < MAX_LINES) {
            InternalLog.warn("damaged queue file " + dir.resolve(file) + ": " + what + "; skipped=" + n + ", " + then);
        } else if (lines == MAX_LINES) {
            InternalLog.warn("further damage in " + dir + " is counted, not listed");
        }
        lines++;
    }

    /** One line for a record that could not be decoded: what was wrong, never a dump of its bytes. */
    static String describe(RuntimeException e) {
        if (e instanceof UTFDataFormatRuntimeException) {
            return "a text field is not valid UTF-8";
        }
        if (e instanceof java.nio.BufferUnderflowException) {
            return "a field runs past the record's end";
        }
        String msg;
        try {
            msg = e.getMessage();
        } catch (RuntimeException again) {
            msg = null;
        }
        String text = e instanceof IllegalStateException && msg != null ? msg
                : e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        int end = text.indexOf('\n');
        text = end < 0 ? text : text.substring(0, end);
        return text.length() <= PROBLEM_CHARS ? text : text.substring(0, PROBLEM_CHARS) + "...";
    }

    private void note(String file, String line) {
        if (readOnly) {
            return;
        }
        Path note = dir.resolve(file + SUFFIX);
        try {
            if (Files.isSymbolicLink(note)) {
                throw new IOException(note + " is a symbolic link");
            }
            Files.write(note, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            SecureFiles.restrict(note, SecureFiles.FILE);
        } catch (IOException e) {
            InternalLog.warnLimited("cannot note damage in " + note + ": " + InternalLog.describe(e));
        }
    }

    /** Reads the notes an earlier drainer left next to damaged cycle files. */
    private void loadNotes() {
        try (DirectoryStream<Path> notes = Files.newDirectoryStream(dir, "*" + Queues.CYCLE_SUFFIX + SUFFIX)) {
            for (Path p : notes) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = p.getFileName().toString();
                String file = name.substring(0, name.length() - SUFFIX.length());
                damagedFiles.add(file);
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (String line : lines) {
                    Matcher m = NOTE.matcher(line);
                    if (m.matches() && skipped.putIfAbsent(file + " " + m.group(1), Long.parseLong(m.group(2))) == null) {
                        unreadable += Long.parseLong(m.group(2));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            InternalLog.warnLimited("cannot read the damage notes in " + dir + ": " + InternalLog.describe(e));
        }
    }

    /**
     * Sets a writer queue with damaged cycle files aside, once all of it that could be read is
     * written: deletes its other cycle files (written) and renames the directory to
     * {@code <dir>.damaged} (or {@code <dir>.2.damaged} ...), keeping the damaged files, their
     * notes and the queue's metadata. The queue must be closed.
     *
     * @return where it now is, or null if it could not be moved (it stays where it was)
     */
    Path setAside() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + Queues.CYCLE_SUFFIX)) {
            for (Path f : files) {
                if (!damagedFiles.contains(f.getFileName().toString()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
            Path target = dir.resolveSibling(dir.getFileName() + SUFFIX);
            for (int i = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
                target = dir.resolveSibling(dir.getFileName() + "." + i + SUFFIX);
            }
            Files.move(dir, target);
            InternalLog.warn("kept damaged writer queue " + target + " (unreadable=" + unreadable + " records in "
                    + String.join(", ", new TreeSet<>(damagedFiles)) + ")");
            return target;
        } catch (IOException e) {
            InternalLog.warn("cannot set aside damaged " + dir + ": " + InternalLog.describe(e));
            return null;
        }
    }
}
