package io.applog.bench.jmh;

import io.applog.bench.peer.LineCounter;
import io.applog.bench.peer.Message;
import io.applog.bench.peer.Peer;
import io.applog.bench.peer.Peers;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages per second until the file holds them all: an invocation logs a batch, then waits
 * until the peer's text file has as many lines as all threads have logged so far (applog: its
 * {@code applog drain} child process writes the file). Raw Chronicle has no text file: its
 * figure is append only, the floor.
 *
 * <p>The batch is a parameter; the {@link OperationsPerInvocation} must match it (the bench
 * main sets both; run by hand, pass {@code -p batch=N -opi N} together).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@OperationsPerInvocation(EndToEndBench.BATCH)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EndToEndBench {
    public static final int BATCH = 50_000;
    private static final long STALL_SECONDS = 20;

    @Param({Peers.APPLOG, Peers.APPLOG_SLF4J, Peers.CHRONICLE_RAW, Peers.LOG4J2_ASYNC, Peers.LOG4J2_APPLOG,
            Peers.LOGBACK_ASYNC, Peers.LOGBACK_PRUDENT, Peers.JUL})
    public String logger;

    @Param({"" + BATCH})
    public int batch;

    private Peer peer;
    private Path dir;
    private LineCounter lines;
    private final AtomicLong logged = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Peers.tempDir(logger);
        peer = Peers.create(logger);
        peer.open(dir);
        lines = peer.logfile() == null ? null : new LineCounter(peer.logfile());
        if (lines != null) {
            // the first line in the file: applog's drainer process is up and reads this writer
            peer.writer().log(0, Message.NAME);
            lines.awaitAtLeast(logged.incrementAndGet(), STALL_SECONDS);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        try {
            if (lines != null) {
                long n = lines.count();
                lines.close();
                if (n != logged.get()) {
                    throw new IllegalStateException(peer.logfile() + " holds " + n + " lines, "
                            + logged.get() + " messages were logged");
                }
            }
            peer.close();
        } finally {
            Peers.delete(dir);
        }
    }

    /**
     * Each benchmark thread's writer and its own counter for the int argument. The thread is
     * renamed {@code bench-worker-N}: JMH's own names (56 characters) would make every record of
     * the loggers that copy the thread name in the caller's thread (applog, raw Chronicle) longer
     * than an application's thread names make them.
     */
    @State(Scope.Thread)
    public static class Caller {
        private static final AtomicInteger THREADS = new AtomicInteger();
        Peer.Writer writer;
        int seq;

        @Setup(Level.Trial)
        public void open(EndToEndBench bench) {
            Thread.currentThread().setName("bench-worker-" + THREADS.incrementAndGet());
            writer = bench.peer.writer();
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Caller caller) throws Exception {
        batch(caller);
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Caller caller) throws Exception {
        batch(caller);
    }

    private void batch(Caller caller) throws Exception {
        final Peer.Writer w = caller.writer;
        final int n = batch;
        int seq = caller.seq;
        for (int i = 0; i < n; i++) {
            w.log(seq++ & Message.INT_MASK, Message.NAME);
        }
        caller.seq = seq;
        long target = logged.addAndGet(n);
        if (lines != null) {
            lines.awaitAtLeast(target, STALL_SECONDS);
        }
    }
}
