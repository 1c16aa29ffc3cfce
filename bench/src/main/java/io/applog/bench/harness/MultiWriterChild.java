package io.applog.bench.harness;

import io.applog.bench.peer.Message;
import io.applog.bench.peer.Peer;
import io.applog.bench.peer.Peers;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One writer JVM of {@link MultiProcessHarness}: {@code <peer> <dir> <warm-up> <messages>}.
 * Logs the warm-up messages (timed as the others, so that the timed loop is compiled), says
 * {@code READY}, waits for {@code GO} on stdin, then logs the timed messages back to back,
 * timing every call, and says
 * {@code RESULT <start> <end> <p50> <p99> <p99.9> <max>} (nanoTime and ns), and stays (so that
 * its CPU time can be read) until {@code EXIT} on stdin.
 */
public final class MultiWriterChild {
    private MultiWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        String peerName = args[0];
        Path dir = Path.of(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        try (Peer peer = Peers.create(peerName)) {
            peer.open(dir);
            Peer.Writer w = peer.writer();
            final long highest = TimeUnit.SECONDS.toNanos(60);
            log(w, warmup, new Histogram(highest, 3), highest); // the timed loop itself, compiled before the signal
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String go = in.readLine();
            if (!"GO".equals(go)) {
                System.err.println("expected GO, got " + go);
                System.exit(2);
            }
            Histogram h = new Histogram(highest, 3);
            long start = System.nanoTime();
            log(w, messages, h, highest);
            long end = System.nanoTime();
            System.out.println("RESULT " + start + " " + end + " " + h.getValueAtPercentile(50)
                    + " " + h.getValueAtPercentile(99) + " " + h.getValueAtPercentile(99.9) + " " + h.getMaxValue());
            System.out.flush();
            String exit = in.readLine();
            if (!"EXIT".equals(exit)) {
                System.err.println("expected EXIT, got " + exit);
                System.exit(2);
            }
        }
    }

    /** Logs {@code messages} messages back to back, each call timed into {@code h}. */
    private static void log(Peer.Writer w, int messages, Histogram h, long highest) {
        for (int i = 0; i < messages; i++) {
            long t0 = System.nanoTime();
            w.log(i & Message.INT_MASK, Message.NAME);
            long t1 = System.nanoTime();
            h.recordValue(Math.min(t1 - t0, highest));
        }
    }
}
