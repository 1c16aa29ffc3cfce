package io.applog.bench.jmh;

import io.applog.bench.peer.Message;
import io.applog.bench.peer.Peer;
import io.applog.bench.peer.Peers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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

/**
 * Caller latency of one logging call ({@link Message#TEMPLATE} with an int and a short
 * String), sampled by JMH, with 1 and 2 calling threads. The calls run back to back, so an
 * asynchronous logger whose consumer is slower than its callers is measured with its queue
 * full (its steady state under sustained load), and applog with its drainer process busy.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LatencyBench {
    @Param({Peers.APPLOG, Peers.APPLOG_NO_DRAINER, Peers.APPLOG_SLF4J, Peers.CHRONICLE_RAW,
            Peers.LOG4J2_ASYNC, Peers.LOG4J2_APPLOG, Peers.LOGBACK_ASYNC, Peers.LOGBACK_PRUDENT, Peers.LOGBACK_APPLOG,
            Peers.JUL, Peers.LOG4J2_KAFKA})
    public String logger;

    private Peer peer;
    private Path dir;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Peers.tempDir(logger);
        peer = Peers.create(logger);
        peer.open(dir);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        try {
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
        public void open(LatencyBench bench) {
            Thread.currentThread().setName("bench-worker-" + THREADS.incrementAndGet());
            writer = bench.peer.writer();
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Caller caller) {
        caller.writer.log(caller.seq++ & Message.INT_MASK, Message.NAME);
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Caller caller) {
        caller.writer.log(caller.seq++ & Message.INT_MASK, Message.NAME);
    }
}
