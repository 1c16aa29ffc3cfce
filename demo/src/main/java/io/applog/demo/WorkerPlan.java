package io.applog.demo;

import io.applog.Level;

import java.util.ArrayList;
import java.util.List;

/**
 * What worker {@code K} logs, decided by its message number alone, so that the worker and the
 * check of the logfile agree: message {@code seq} (1..M) is one record that contains
 * {@code seq=<seq>} at the level {@link #levelOf(int)} gives; a worker told to crash halts
 * right after message {@link #crashAfter(int)}.
 */
final class WorkerPlan {
    /** Name of the logger of the workers' device loop. */
    static final String WORKER_LOGGER = "demo.Worker";
    /** A worker's process name is this prefix and its number (1..N). */
    static final String WORKER_PREFIX = "worker-";
    /** Exit code of a worker that simulates a crash ({@code Runtime.halt}), as after kill -9. */
    static final int CRASH_EXIT_CODE = 137;

    private WorkerPlan() {
    }

    /** The level of message {@code seq}: mostly DEBUG, every 10th and 25th INFO, every 50th WARN. */
    static Level levelOf(int seq) {
        if (seq % 50 == 0) {
            return Level.WARN;
        }
        if (seq % 10 == 0 || seq % 25 == 0) {
            return Level.INFO;
        }
        return Level.DEBUG;
    }

    /** The last message a crashing worker logs before it halts: half-way, and at least one. */
    static int crashAfter(int messages) {
        return Math.max(1, messages / 2);
    }

    /** The simulated device of worker {@code index}, e.g. {@code WP-00421}. */
    static String device(int index) {
        return String.format("WP-%05d", 420 + index);
    }

    static String processName(int index) {
        return WORKER_PREFIX + index;
    }

    /** The seq numbers 1..{@code last} whose level passes {@code threshold}, in order. */
    static List<Integer> expected(int last, Level threshold) {
        List<Integer> seqs = new ArrayList<>(Math.max(0, last));
        for (int seq = 1; seq <= last; seq++) {
            if (threshold != Level.OFF && levelOf(seq).ordinal() >= threshold.ordinal()) {
                seqs.add(seq);
            }
        }
        return seqs;
    }
}
