package io.applog.bench.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the lines of a growing file, reading only what was added since the last count. Shared
 * by the threads of a benchmark: every method is synchronized.
 */
public final class LineCounter implements AutoCloseable {
    private static final long POLL_NANOS = 50_000;

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private FileChannel channel;
    private long position;
    private long lines;

    public LineCounter(Path file) {
        this.file = file;
    }

    /** Lines (newline characters) in the file now; 0 while it does not exist. */
    public synchronized long count() throws IOException {
        if (channel == null) {
            if (!Files.exists(file)) {
                return 0;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        final ByteBuffer buf = buffer;
        while (true) {
            buf.clear();
            int n = channel.read(buf, position);
            if (n <= 0) {
                break;
            }
            position += n;
            long found = 0;
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    found++;
                }
            }
            lines += found;
            if (n < buf.capacity()) {
                break;
            }
        }
        return lines;
    }

    /**
     * Waits until the file holds at least {@code target} lines.
     *
     * @throws IllegalStateException if no line was added for {@code stallSeconds} (the logger lost
     *                               or holds back messages)
     */
    public long awaitAtLeast(long target, long stallSeconds) throws IOException {
        final long stall = TimeUnit.SECONDS.toNanos(stallSeconds);
        long n = count();
        long last = n;
        long lastProgress = System.nanoTime();
        while (n < target) {
            LockSupport.parkNanos(POLL_NANOS);
            n = count();
            long now = System.nanoTime();
            if (n != last) {
                last = n;
                lastProgress = now;
            } else if (now - lastProgress > stall) {
                throw new IllegalStateException(file + " holds " + n + " lines, " + (target - n)
                        + " fewer than were logged, and none came for " + stallSeconds + " s");
            }
        }
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
