package io.applog.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeoutException;

/**
 * A worker JVM of the demo: simulates the acquisition loop of one spectrometer and logs
 * through SLF4J, with the device id in the MDC. applog is configured by the system properties
 * the launcher sets ({@code applog.queue}, {@code applog.process}, {@code applog.level},
 * {@code applog.drainer=none}) and opened by the SLF4J provider on the first log call.
 *
 * <p>Protocol with the launcher: once its first record is logged it prints {@value #READY} on
 * stdout, then waits for one line on stdin (or its end) before the loop, so that all workers
 * log at the same time. Usage: {@code WorkerMain <index> <messages> <crashAfter|0>}.
 */
public final class WorkerMain {
    /** Printed on stdout once the worker has logged its first record. */
    static final String READY = "READY";
    /** A few ms of simulated work after every this many readings. */
    private static final int WORK_EVERY = 5;

    private final Logger log = LoggerFactory.getLogger(WorkerPlan.WORKER_LOGGER);
    private final int index;
    private final int messages;
    private final int crashAfter;
    private final String device;
    private final Random random;

    private WorkerMain(int index, int messages, int crashAfter) {
        this.index = index;
        this.messages = messages;
        this.crashAfter = crashAfter;
        this.device = WorkerPlan.device(index);
        this.random = new Random(index);
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: WorkerMain <index> <messages> <crashAfter|0>");
            System.exit(2);
        }
        WorkerMain worker;
        try {
            worker = new WorkerMain(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]));
        } catch (NumberFormatException e) {
            System.err.println("WorkerMain: not a number: " + e.getMessage());
            System.exit(2);
            return;
        }
        worker.run();
        // the applog shutdown hook appends GOODBYE; the drainer then knows this writer is done
    }

    private void run() {
        MDC.put("device", device);
        long start = System.nanoTime();
        log.info("{} up: simulating spectrometer {} for {} readings", WorkerPlan.processName(index),
                device, messages);
        awaitGo();
        log.debug("acquisition started, {} ms after start-up", (System.nanoTime() - start) / 1_000_000);
        for (int seq = 1; seq <= messages; seq++) {
            if (log.isTraceEnabled()) {
                log.trace("polling status register of {}: 0x{}", device, Integer.toHexString(random.nextInt(0x10000)));
            }
            reading(seq);
            if (seq == crashAfter) {
                log.warn("simulated crash after {} of {} readings: Runtime.halt({})", seq, messages,
                        WorkerPlan.CRASH_EXIT_CODE);
                Runtime.getRuntime().halt(WorkerPlan.CRASH_EXIT_CODE);
            }
            if (seq % WORK_EVERY == 0 && !work(1 + random.nextInt(3))) {
                log.warn("interrupted after {} of {} readings", seq, messages);
                return;
            }
        }
        log.info("acquisition finished: {} readings in {} ms", messages, (System.nanoTime() - start) / 1_000_000);
    }

    /** Message {@code seq}: one record containing {@code seq=<seq>} at {@link WorkerPlan#levelOf}. */
    private void reading(int seq) {
        final int pixel = random.nextInt(1024);
        final int counts = 800 + random.nextInt(60_000);
        if (seq % 100 == 0) {
            log.warn("seq={} read timeout on {}; retried", seq, device,
                    new TimeoutException("no response from " + device + " within 50 ms"));
        } else if (seq % 50 == 0) {
            log.warn("seq={} detector at {} C, {} C above the set point", seq, -15 + random.nextInt(3),
                    1 + random.nextInt(3));
        } else if (seq % 25 == 0) {
            log.info("seq={} dark frame statistics of {}:\nmean {} counts\nstd dev {} counts\nhot pixels {}",
                    seq, device, 800 + random.nextInt(40), 3 + random.nextInt(5), random.nextInt(4));
        } else if (seq % 10 == 0) {
            log.atInfo()
                    .setMessage("seq={} spectrum acquired, peak {} counts at {} nm")
                    .addArgument(seq)
                    .addArgument(counts)
                    .addArgument(String.format("%.1f", 780.0 + pixel * 0.25))
                    .addKeyValue("integrationMs", 10 + random.nextInt(90))
                    .log();
        } else {
            log.debug("seq={} read {} counts from pixel {}", seq, counts, pixel);
        }
    }

    /** Waits for the launcher's go (one line on stdin, or its end). */
    private void awaitGo() {
        System.out.println(READY);
        System.out.flush();
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            log.warn("cannot read the go signal; starting anyway", e);
        }
    }

    /** Simulated work; false if interrupted. */
    private static boolean work(int millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
