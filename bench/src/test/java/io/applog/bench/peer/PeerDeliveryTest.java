package io.applog.bench.peer;

import io.applog.bench.Jvm;
import io.applog.bench.repro.Log4j2LossChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The asynchronous peers deliver every message of two threads to their file, as configured for
 * the benchmarks: a peer that drops messages would make its figures meaningless (Log4j2 over
 * Disruptor 4.0.0 kept 112 k-367 k of 600 k lines in runs here).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PeerDeliveryTest {
    private static final int THREADS = 2;

    @Test
    void shouldDeliverEveryLog4j2MessageOfTwoThreadsOverTheBenchDisruptor(@TempDir Path dir) throws Exception {
        final int perThread = 300_000;
        Path out = dir.resolve("child.out");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Log4j2LossChild.class.getName(), dir.toString(), Integer.toString(THREADS), Integer.toString(perThread));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not exit within 120 s");
        } finally {
            p.destroyForcibly();
        }
        List<String> output = Files.readAllLines(out);
        assertEquals(0, p.exitValue(), "child output: " + output);
        assertTrue(output.contains("logged=" + THREADS * perThread), "child output: " + output);
        String loaded = output.stream().filter(l -> l.startsWith("disruptor=")).findFirst().orElse("none");
        assertEquals(THREADS * perThread, lines(dir.resolve(Log4j2Setup.LOGFILE)), loaded);
        assertTrue(loaded.matches("disruptor=.*/disruptor-3\\.[0-9.]+\\.jar"), loaded);
    }

    @Test
    void shouldDeliverEveryLogbackAsyncMessageOfTwoThreads(@TempDir Path dir) throws Exception {
        final int perThread = 50_000;
        String provider = System.getProperty(Jvm.SLF4J_PROVIDER);
        LogbackPeer peer = new LogbackPeer(Peers.LOGBACK_ASYNC, false);
        try {
            peer.open(dir);
            Thread[] workers = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                Peer.Writer w = peer.writer();
                workers[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        w.log(i & Message.INT_MASK, Message.NAME);
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(w.isAlive(), "a logging thread is still running after 60 s");
            }
        } finally {
            peer.close();
            restore(provider);
        }
        assertEquals(THREADS * perThread, lines(peer.logfile()));
    }

    private static long lines(Path file) throws Exception {
        try (LineCounter counter = new LineCounter(file)) {
            return counter.count();
        }
    }

    private static void restore(String provider) {
        if (provider == null) {
            System.clearProperty(Jvm.SLF4J_PROVIDER);
        } else {
            System.setProperty(Jvm.SLF4J_PROVIDER, provider);
        }
    }
}
