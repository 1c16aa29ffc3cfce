package io.applog.bench.harness;

import io.applog.bench.Jvm;
import io.applog.bench.peer.DrainerChild;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Delay from a logging call in one JVM to its line in the file: a writer JVM
 * ({@link DelayWriterChild}) logs its nanoTime at a steady rate, an {@code applog drain} JVM
 * writes the file, and this JVM tails the file (polling every 100 us) and takes its own
 * nanoTime when a line appears. Linux's nanoTime is CLOCK_MONOTONIC, one clock for all
 * processes. The writer's first record is timed on its own (the drainer finds and opens a new
 * writer's queue first); the paced records start once it is in the file. {@link #measure} is the
 * same with other processes between the queue and the file ({@code applog ship} and
 * {@code applog collect}: {@link KafkaHarness}).
 */
public final class DelayHarness {
    private static final long POLL_NANOS = 100_000;
    private static final byte[] MARK = " - delay ".getBytes(StandardCharsets.US_ASCII);

    private DelayHarness() {
    }

    public static HarnessResults.Delay run(int rate, int seconds) throws Exception {
        Path dir = Peers.tempDir("delay");
        Path queue = dir.resolve("queue");
        Path logfile = dir.resolve("applog.log");
        try (DrainerChild drainer = DrainerChild.start(queue, logfile, "text", dir.resolve("drainer.out"))) {
            return measure(rate, seconds, dir, queue, logfile, List.of(drainer));
        } finally {
            Peers.delete(dir);
        }
    }

    /**
     * A writer JVM logging into {@code queue} at {@code rate} for {@code seconds}, its lines
     * timed as they reach {@code logfile}, which the processes {@code between} write.
     *
     * @param dir where the writer's stderr goes
     */
    static HarnessResults.Delay measure(int rate, int seconds, Path dir, Path queue, Path logfile,
                                        List<DrainerChild> between) throws Exception {
        final long total = (long) rate * seconds + 1;
        long firstRecordNanos = -1;
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        try (Child writer = Child.start("delay-writer",
                List.of("-XX:+UseSerialGC", "-D" + Jvm.SLF4J_PROVIDER + "=" + Jvm.APPLOG_PROVIDER),
                DelayWriterChild.class, List.of(queue.toString(), "" + rate, "" + seconds), dir)) {
            long seen = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            byte[] line = new byte[4096];
            int lineLength = 0;
            long position = 0;
            FileChannel ch = null;
            try {
                while (seen < total) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("only " + seen + " of " + total + " lines reached " + logfile
                                + "; writer: " + writer.stderr() + "; " + alive(between));
                    }
                    if (ch == null) {
                        if (!Files.exists(logfile)) {
                            LockSupport.parkNanos(POLL_NANOS);
                            continue;
                        }
                        ch = FileChannel.open(logfile, StandardOpenOption.READ);
                    }
                    buf.clear();
                    int n = ch.read(buf, position);
                    if (n <= 0) {
                        LockSupport.parkNanos(POLL_NANOS);
                        continue;
                    }
                    final long now = System.nanoTime();
                    position += n;
                    byte[] b = buf.array();
                    for (int i = 0; i < n; i++) {
                        if (b[i] == '\n') {
                            long[] seqAndTime = parse(line, lineLength);
                            if (seqAndTime != null) {
                                seen++;
                                long delay = Math.max(0, Math.min(now - seqAndTime[1], h.getHighestTrackableValue()));
                                if (seqAndTime[0] == 0) {
                                    firstRecordNanos = delay;
                                    writer.send("GO");
                                } else {
                                    h.recordValue(delay);
                                }
                            }
                            lineLength = 0;
                        } else if (lineLength < line.length) {
                            line[lineLength++] = b[i];
                        }
                    }
                }
            } finally {
                if (ch != null) {
                    ch.close();
                }
            }
            writer.expect("DONE");
            for (DrainerChild c : between) {
                c.checkAlive();
            }
        }
        return new HarnessResults.Delay(rate, h.getTotalCount(), ms(firstRecordNanos), ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static String alive(List<DrainerChild> between) {
        StringBuilder s = new StringBuilder("alive:");
        for (DrainerChild c : between) {
            s.append(' ').append(c.process().isAlive());
        }
        return s.toString();
    }

    /** {@code seq} and {@code nanoTime} of a {@code ... - delay <seq> <nanoTime>} line, else null. */
    static long[] parse(byte[] line, int length) {
        int at = indexOf(line, length, MARK);
        if (at < 0) {
            return null;
        }
        int i = at + MARK.length;
        long seq = 0;
        int digits = 0;
        while (i < length && line[i] >= '0' && line[i] <= '9') {
            seq = seq * 10 + (line[i++] - '0');
            digits++;
        }
        if (digits == 0 || i >= length || line[i++] != ' ') {
            return null;
        }
        boolean negative = i < length && line[i] == '-';
        if (negative) {
            i++;
        }
        long t = 0;
        digits = 0;
        while (i < length && line[i] >= '0' && line[i] <= '9') {
            t = t * 10 + (line[i++] - '0');
            digits++;
        }
        return digits == 0 ? null : new long[]{seq, negative ? -t : t};
    }

    private static int indexOf(byte[] a, int length, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (a[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
