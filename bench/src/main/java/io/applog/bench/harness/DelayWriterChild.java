package io.applog.bench.harness;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer JVM of {@link DelayHarness}: {@code <queue root> <rate per second> <seconds>}.
 * Logs {@code delay 0 <nanoTime>} (the first record of a new writer), waits for {@code GO} on
 * stdin, then logs {@code delay <seq> <nanoTime>} for seq 1..rate*seconds at a steady rate, the
 * nanoTime taken just before each call, and says {@code DONE <count>}.
 */
public final class DelayWriterChild {
    static final String TEMPLATE = "delay {} {}";

    private DelayWriterChild() {
    }

    public static void main(String[] args) throws IOException {
        Path queue = Path.of(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        try (Applog applog = Applog.open(ApplogSettings.builder().queue(queue).process("delay")
                .drainer(ApplogSettings.DrainerMode.NONE).level(Level.INFO).build())) {
            Logger log = applog.logger("bench.Delay");
            log.info(TEMPLATE, 0L, System.nanoTime());
            String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"GO".equals(go)) {
                throw new IOException("expected GO, got " + go);
            }
            final long period = 1_000_000_000L / rate;
            final long total = (long) rate * seconds;
            final long start = System.nanoTime();
            for (long i = 1; i <= total; i++) {
                final long due = start + (i - 1) * period;
                long now;
                while ((now = System.nanoTime()) < due) {
                    // sleeps, never spins: the drainer and the tailing JVM need the 2 cores too
                    LockSupport.parkNanos(due - now);
                }
                log.info(TEMPLATE, i, System.nanoTime());
            }
            System.out.println("DONE " + total);
            System.out.flush();
        }
    }
}
