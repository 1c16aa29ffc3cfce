package io.applog.internal;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The note a writer leaves in the queue root when it stops starting drainers because they keep
 * dying ({@code drainer.gave-up}), for {@code applog stats} to show. One line:
 * {@code time=<ISO instant> pid=<pid> start=<start millis> starts=<n> seconds=<window>
 * lastExit=<code or ?> process=<name>}; written to a temp file and renamed, so it is whole or
 * absent.
 */
public final class GaveUpFile {
    /** File name in the queue root. */
    public static final String NAME = "drainer.gave-up";

    private GaveUpFile() {
    }

    /**
     * What the note says: when the writer gave up, who it is, how many drainers it had started
     * within how many seconds, and the exit code of the last ({@code ?} if unknown).
     */
    public record Note(Instant time, long pid, long startMillis, int starts, int seconds, String lastExit,
                       String process) {
        String line() {
            return "time=" + time + " pid=" + pid + " start=" + startMillis + " starts=" + starts
                    + " seconds=" + seconds + " lastExit=" + lastExit + " process=" + process + "\n";
        }

        /** True while the writer that gave up is alive (it then starts no drainer). */
        public boolean writerAlive() {
            return ProcessIdentity.isAlive(pid, startMillis);
        }
    }

    /** Writes {@code note} into the queue root {@code root} (0600, replacing an older one). */
    public static void write(Path root, Note note) throws IOException {
        Path tmp = root.resolve(NAME + "." + note.pid() + ".tmp");
        Files.deleteIfExists(tmp);
        try (SeekableByteChannel ch = Files.newByteChannel(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(SecureFiles.FILE))) {
            ch.write(java.nio.ByteBuffer.wrap(note.line().getBytes(StandardCharsets.UTF_8)));
        }
        Files.move(tmp, root.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The note in {@code root}, or null if there is none (or it cannot be read as one). */
    public static Note read(Path root) {
        Path file = root.resolve(NAME);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 4096) {
                return null;
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Note parse(String text) {
        String line = text.strip();
        int processAt = line.indexOf(" process=");
        if (processAt < 0) {
            return null;
        }
        String process = line.substring(processAt + " process=".length());
        Instant time = null;
        long pid = 0;
        long start = 0;
        int starts = 0;
        int seconds = 0;
        String lastExit = "?";
        try {
            for (String field : line.substring(0, processAt).split(" ")) {
                int eq = field.indexOf('=');
                String key = eq < 0 ? field : field.substring(0, eq);
                String value = eq < 0 ? "" : field.substring(eq + 1);
                switch (key) {
                    case "time": time = Instant.parse(value); break;
                    case "pid": pid = Long.parseLong(value); break;
                    case "start": start = Long.parseLong(value); break;
                    case "starts": starts = Integer.parseInt(value); break;
                    case "seconds": seconds = Integer.parseInt(value); break;
                    case "lastExit": lastExit = value; break;
                    default: break; // a field of a later version
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        return time == null ? null : new Note(time, pid, start, starts, seconds, lastExit, process);
    }
}
