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
 * What has been written, saved atomically in one small file: the logfile's length and, per
 * writer queue, the index of the last record written to it (with the writer's identity, as
 * the cycle holding its HELLO may be deleted). The logfile offset and the queue positions
 * move together, so after a kill -9 the drainer truncates the logfile back to the saved
 * length and resumes after the saved indexes: nothing lost, nothing written twice.
 *
 * <pre>
 * applog-checkpoint 1
 * logfile &lt;length&gt; &lt;url-encoded absolute path&gt;
 * writer &lt;dir name&gt; &lt;last index&gt; &lt;pid&gt; &lt;start millis&gt; &lt;process&gt; &lt;host&gt; &lt;pid ns&gt;
 * </pre>
 */
final class Checkpoint {
    static final String FILE = WriterSet.CHECKPOINT_FILE;
    private static final String MAGIC = "applog-checkpoint 1";

    /** Position of one writer queue. */
    record Position(long lastIndex, WriterHello hello) {
    }

    private final Path file;
    private final Path tmp;
    private String logfile = "";
    private long logfileLength;
    private final Map<String, Position> writers = new LinkedHashMap<>();

    Checkpoint(Path root) {
        this.file = root.resolve(FILE);
        this.tmp = root.resolve(FILE + ".tmp");
    }

    /** Loads the saved checkpoint; an absent file is an empty checkpoint. */
    void load() throws IOException {
        writers.clear();
        logfile = "";
        logfileLength = 0;
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !MAGIC.equals(lines.get(0))) {
            throw new IOException(file + " is not an applog checkpoint");
        }
        try {
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                if (f[0].equals("logfile") && f.length == 3) {
                    logfileLength = Long.parseLong(f[1]);
                    logfile = decode(f[2]);
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

    String logfile() {
        return logfile;
    }

    long logfileLength() {
        return logfileLength;
    }

    Position position(String writerDir) {
        return writers.get(writerDir);
    }

    void logfile(String path, long length) {
        this.logfile = path;
        this.logfileLength = length;
    }

    void position(String writerDir, long lastIndex, WriterHello hello) {
        writers.put(writerDir, new Position(lastIndex, hello));
    }

    /** Forgets writers whose directory is gone (removed after they were drained). */
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
        sb.append("logfile ").append(logfileLength).append(' ').append(encode(logfile)).append('\n');
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
