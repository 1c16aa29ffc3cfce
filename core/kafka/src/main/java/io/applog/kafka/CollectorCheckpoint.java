package io.applog.kafka;

import io.applog.internal.SecureFiles;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the collector has written, saved atomically (temp file + rename) in one small file: the
 * logfile sink's position, per partition the offset to read from again (the first message not
 * all written), and per writer the index of its last record written, with its identity.
 * Restoring cuts the logfile back to the saved length, reads each partition again from its
 * offset and drops every record at or below its writer's saved index: nothing lost, nothing
 * written twice.
 *
 * <pre>
 * applog-collect-checkpoint 1
 * topic &lt;url-encoded topic&gt;
 * sink &lt;kind&gt; &lt;position: the rest of the line&gt;
 * offset &lt;partition&gt; &lt;offset&gt;
 * writer &lt;last index&gt; &lt;pid&gt; &lt;start millis&gt; &lt;host&gt; &lt;writer dir&gt; &lt;process&gt;
 * </pre>
 */
final class CollectorCheckpoint {
    static final String FILE = "collector.checkpoint";
    private static final String MAGIC = "applog-collect-checkpoint 1";

    /** A writer as saved: its identity and the index of its last record written. */
    record Writer(ShipCodec.Identity id, long lastIndex) {
    }

    private final Path file;
    private final Path tmp;
    String topic = "";
    String sinkKind = "";
    String sinkPosition;
    final Map<Integer, Long> offsets = new TreeMap<>();
    final Map<String, Writer> writers = new TreeMap<>();

    CollectorCheckpoint(Path dir) {
        this.file = dir.resolve(FILE);
        this.tmp = dir.resolve(FILE + ".tmp");
    }

    /** Loads the saved checkpoint; an absent file is an empty checkpoint. */
    void load() throws IOException {
        offsets.clear();
        writers.clear();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !MAGIC.equals(lines.get(0))) {
            throw new IOException(file + " is not an applog collector checkpoint");
        }
        try {
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                if (f[0].equals("topic") && f.length == 2) {
                    topic = decode(f[1]);
                } else if (f[0].equals("sink") && f.length >= 3) {
                    String[] s = line.split(" ", 3);
                    sinkKind = s[1];
                    sinkPosition = s[2];
                } else if (f[0].equals("offset") && f.length == 3) {
                    offsets.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                } else if (f[0].equals("writer") && f.length == 7) {
                    ShipCodec.Identity id = new ShipCodec.Identity(decode(f[4]), decode(f[5]), decode(f[6]),
                            Long.parseLong(f[2]), Long.parseLong(f[3]));
                    writers.put(id.key(), new Writer(id, Long.parseLong(f[1])));
                } else {
                    throw new IOException(file + ": bad line: " + line);
                }
            }
        } catch (IllegalArgumentException e) { // a bad number or %-escape
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** Writes the checkpoint to a temporary file and renames it over the old one. */
    void save() throws IOException {
        StringBuilder sb = new StringBuilder(256 + 96 * writers.size());
        sb.append(MAGIC).append('\n');
        sb.append("topic ").append(encode(topic)).append('\n');
        if (!sinkKind.isEmpty()) {
            sb.append("sink ").append(sinkKind).append(' ').append(sinkPosition).append('\n');
        }
        for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
            sb.append("offset ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        for (Writer w : writers.values()) {
            ShipCodec.Identity id = w.id();
            sb.append("writer ").append(w.lastIndex()).append(' ').append(id.pid()).append(' ').append(id.startMillis())
                    .append(' ').append(encode(id.host())).append(' ').append(encode(id.writer()))
                    .append(' ').append(encode(id.process())).append('\n');
        }
        Files.deleteIfExists(tmp);
        Files.write(tmp, sb.toString().getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
