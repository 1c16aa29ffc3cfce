package io.applog.drain;

import io.applog.internal.SecureFiles;
import io.applog.record.WriterHello;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What has been written, saved atomically in one small file: the sink's position (its own
 * opaque value, {@link Sink#position()}) and, per writer queue, the index of the last record
 * written (with the writer's identity, as the cycle holding its HELLO may be deleted). The
 * sink's position and the queue positions move together, so after a kill -9 the drainer
 * restores the sink to the saved position (the file sink cuts the logfile back to the saved
 * length) and resumes after the saved indexes: nothing lost, nothing written twice.
 *
 * <pre>
 * applog-checkpoint 2
 * sink &lt;kind&gt; &lt;position: the rest of the line&gt;
 * writer &lt;dir name&gt; &lt;last index&gt; &lt;pid&gt; &lt;start millis&gt; &lt;process&gt; &lt;host&gt; &lt;pid ns&gt;
 * </pre>
 *
 * Version 1, written before sinks, had {@code logfile <length> <url-encoded absolute path>}
 * instead of the sink line: it is read as the position {@code <length> <path>} of the file
 * sink, which is what that sink's position still is.
 */
final class Checkpoint {
    static final String FILE = WriterSet.CHECKPOINT_FILE;
    private static final String SUFFIX = ".checkpoint";
    private static final String MAGIC = "applog-checkpoint 2";
    private static final String MAGIC_BEFORE_SINKS = "applog-checkpoint 1";

    /** Position of one writer queue. */
    record Position(long lastIndex, WriterHello hello) {
    }

    private final Path file;
    private final Path tmp;
    private String sinkKind = "";
    private String sinkPosition;
    private final Map<String, Position> writers = new LinkedHashMap<>();

    Checkpoint(Path root) {
        this(root, FILE);
    }

    /** The checkpoint saved in {@code root} as {@code name}. */
    Checkpoint(Path root, String name) {
        this.file = root.resolve(name);
        this.tmp = root.resolve(name + ".tmp");
    }

    /**
     * The checkpoint file of a further drainer of a queue dir, into a sink of {@code kind}
     * ({@link Drainer#openEach}): {@code drainer-<kind>.checkpoint}.
     */
    static String fileOf(String kind) {
        return "drainer-" + kind + SUFFIX;
    }

    /** True if {@code name} is a drainer's checkpoint file in a queue dir. */
    static boolean isCheckpoint(String name) {
        return name.startsWith("drainer") && name.endsWith(SUFFIX);
    }

    /** Loads the saved checkpoint; an absent file is an empty checkpoint. */
    void load() throws IOException {
        writers.clear();
        sinkKind = "";
        sinkPosition = null;
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean beforeSinks = !lines.isEmpty() && MAGIC_BEFORE_SINKS.equals(lines.get(0));
        if (lines.isEmpty() || !(beforeSinks || MAGIC.equals(lines.get(0)))) {
            throw new IOException(file + " is not an applog checkpoint");
        }
        try {
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                if (beforeSinks && f[0].equals("logfile") && f.length == 3) {
                    sinkKind = FileSink.KIND;
                    sinkPosition = f[1] + " " + f[2];
                } else if (!beforeSinks && f[0].equals("sink") && line.split(" ", 3).length == 3) {
                    String[] sink = line.split(" ", 3);
                    sinkKind = sink[1];
                    sinkPosition = sink[2];
                } else if (f[0].equals("writer") && f.length == 8) {
                    writers.put(decode(f[1]), new Position(Long.parseLong(f[2]),
                            new WriterHello(decode(f[5]), Long.parseLong(f[3]),
                                    Long.parseLong(f[4]), decode(f[6]), decode(f[7]), "")));
                } else {
                    throw new IOException(file + ": bad line: " + line);
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(file + ": bad number: " + e.getMessage());
        }
    }

    /** The kind of sink whose position is saved; empty if none is. */
    String sinkKind() {
        return sinkKind;
    }

    /** The saved position of the sink of {@code kind}; null if none, or another kind's. */
    String sinkPosition(String kind) {
        return kind.equals(sinkKind) ? sinkPosition : null;
    }

    Position position(String writerDir) {
        return writers.get(writerDir);
    }

    /** Sets the sink's position saved next; a kind is one word, a position one line. */
    void sink(String kind, String position) {
        if (kind.isEmpty() || !kind.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("kind=" + kind + " (expected one word)");
        }
        if (position.indexOf('\n') >= 0 || position.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("position=" + position + " (expected one line)");
        }
        this.sinkKind = kind;
        this.sinkPosition = position;
    }

    void position(String writerDir, long lastIndex, WriterHello hello) {
        writers.put(writerDir, new Position(lastIndex, hello));
    }

    /** Forgets writers whose directory is gone (removed once all of it was written). */
    void retainExisting(Path root) {
        writers.keySet().removeIf(name -> !Files.isDirectory(root.resolve(name), LinkOption.NOFOLLOW_LINKS));
    }

    void remove(String writerDir) {
        writers.remove(writerDir);
    }

    /** Writes the checkpoint to a temporary file and renames it over the old one. */
    void save() throws IOException {
        StringBuilder sb = new StringBuilder(128 + 96 * writers.size());
        sb.append(MAGIC).append('\n');
        if (!sinkKind.isEmpty()) {
            sb.append("sink ").append(sinkKind).append(' ').append(sinkPosition).append('\n');
        }
        List<Map.Entry<String, Position>> entries = new ArrayList<>(writers.entrySet());
        for (Map.Entry<String, Position> e : entries) {
            WriterHello h = e.getValue().hello();
            sb.append("writer ").append(encode(e.getKey())).append(' ').append(e.getValue().lastIndex())
                    .append(' ').append(h.pid()).append(' ').append(h.startMillis())
                    .append(' ').append(encode(h.process())).append(' ').append(encode(h.host()))
                    .append(' ').append(encode(h.pidNamespace())).append('\n');
        }
        Files.deleteIfExists(tmp);
        Files.write(tmp, sb.toString().getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        SecureFiles.restrict(tmp, SecureFiles.FILE);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String encode(String s) {
        return s.isEmpty() ? "-" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return s.equals("-") ? "" : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
