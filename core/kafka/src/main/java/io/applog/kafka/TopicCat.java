package io.applog.kafka;

import io.applog.cli.RecordPrinter;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * {@code applog cat --kafka}: prints what {@code applog ship} sent to a topic, merged as
 * {@code applog collect} merges it ({@link TopicMerge}: every writer of every host in
 * timestamp order, each record once), without consuming anything: no consumer group, no
 * offsets committed, no checkpoint. Without follow it reads every partition from its start up
 * to the end offsets it found when it started, then prints what is left and returns; with
 * follow it goes on until interrupted.
 */
public final class TopicCat {
    private static final int BATCH = 8192;

    private TopicCat() {
    }

    /**
     * Prints the topic of {@code kafka} through {@code printer}, flushed after each pass that
     * printed.
     *
     * @throws IOException if the topic's partitions cannot be read or it does not exist (without
     *                     follow; with it, that is said once and tried again), or printing fails
     */
    public static void run(KafkaSettings kafka, boolean follow, RecordPrinter printer) throws IOException {
        TopicMerge merge = new TopicMerge(Collector.STALL_MILLIS * 1_000_000L);
        TopicMerge.Output out = printer::print;
        try (TopicConsumer consumer = new TopicConsumer(kafka, "applog-cat", partition -> TopicConsumer.BEGINNING,
                !follow)) {
            boolean backlog = false;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted");
                }
                consumer.poll(merge, !follow, !backlog);
                if (!follow && consumer.atEnds()) {
                    while (merge.handOn(true, BATCH, out) > 0) {
                        printer.flush();
                    }
                    printer.flush();
                    return;
                }
                int n = follow && consumer.caughtUp() ? merge.handOn(false, BATCH, out) : 0;
                if (n > 0) {
                    printer.flush();
                }
                backlog = n == BATCH; // more may be ready: the next poll takes only what is there
            }
        }
    }
}
