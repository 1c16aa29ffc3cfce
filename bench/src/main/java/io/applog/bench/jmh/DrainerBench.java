package io.applog.bench.jmh;

import io.applog.bench.Jvm;
import io.applog.bench.peer.LineCounter;
import io.applog.bench.peer.Message;
import io.applog.bench.peer.Peers;
import io.applog.drain.Drainer;
import io.applog.drain.DrainerOptions;
import io.applog.internal.Queues;
import io.applog.record.MutableRecord;
import io.applog.writer.QueueWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The drainer's rate: before each invocation one writer queue is filled with
 * {@link #RECORDS} records (the benchmark message) and closed; the invocation runs the
 * drainer's work loop ({@link Drainer#doWork()}, as {@code Drainer.run()} does) until every
 * record is a line of the logfile, in text or JSON Lines. The score is the time per line.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@OperationsPerInvocation(DrainerBench.RECORDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g",
        "-D" + Jvm.SLF4J_PROVIDER + "=" + Jvm.NOP_PROVIDER})
@State(Scope.Benchmark)
public class DrainerBench {
    public static final int RECORDS = 1_000_000;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    @Param({"text", "json"})
    public String format;

    private Path dir;
    private Path logfile;
    private Drainer drainer;

    @Setup(Level.Invocation)
    public void fill() throws Exception {
        dir = Peers.tempDir("drainer");
        Path queue = dir.resolve("queue");
        logfile = dir.resolve("drained.log");
        try (QueueWriter writer = QueueWriter.open(queue, "bench", Queues.rollCycle(io.applog.ApplogSettings.ROLL_CYCLE_DEFAULT), 0, false)) {
            for (int i = 0; i < RECORDS; i++) {
                if (!writer.append(MutableRecord.acquire().level(io.applog.Level.INFO).logger(Message.LOGGER)
                        .template(Message.TEMPLATE).argument(i & Message.INT_MASK).argument(Message.NAME))) {
                    throw new IllegalStateException("record " + i + " was dropped");
                }
            }
        }
        drainer = Drainer.open(new DrainerOptions(queue, logfile, format, 0, false,
                DrainerOptions.REORDER_MILLIS_DEFAULT));
    }

    @Benchmark
    public long drain() throws Exception {
        final Drainer d = drainer;
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (d.written() < RECORDS) {
            if (d.doWork() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("drained " + d.written() + " of " + RECORDS + " records");
                }
                Thread.onSpinWait();
            }
        }
        return d.written();
    }

    @TearDown(Level.Invocation)
    public void check() throws Exception {
        try {
            drainer.close();
            long lines;
            try (LineCounter counter = new LineCounter(logfile)) {
                lines = counter.count();
            }
            if (lines != RECORDS) {
                throw new IllegalStateException(logfile + " holds " + lines + " lines, expected " + RECORDS);
            }
        } finally {
            Peers.delete(dir);
        }
    }
}
