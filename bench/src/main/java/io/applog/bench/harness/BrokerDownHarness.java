package io.applog.bench.harness;

import io.applog.bench.Jvm;
import io.applog.bench.peer.DrainerChild;
import io.applog.bench.peer.LineCounter;
import io.applog.bench.peer.Log4j2KafkaPeer;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;
import io.applog.it.KafkaBroker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Logging with the broker stopped, measured once per logger (not a benchmark: a few calls): an
 * application JVM ({@link KafkaDownChild}) started during the outage makes its calls, timed one
 * by one; then the broker is started again on the same ports and data, the application closes
 * its logger, and what arrived is counted. Log4j2's KafkaAppender: each call waits for the
 * topic's metadata up to the producer's {@code max.block.ms} (60 s by default), so the calls
 * are few and each has a deadline; the records on the topic are counted. applog: the calls
 * append to the queue dir while a running {@code applog ship} retries; the lines of
 * {@code applog collect} are counted once the broker is back.
 */
public final class BrokerDownHarness {
    /** Deadline of one Log4j2 call with the broker down: {@code max.block.ms} and a margin. */
    private static final long LOG4J2_CALL_SECONDS = 90;

    private BrokerDownHarness() {
    }

    /** Both loggers; the broker is running before and after. */
    public static List<HarnessResults.BrokerDown> run(KafkaBroker broker, int log4j2Calls, int applogCalls)
            throws Exception {
        return List.of(log4j2(broker, log4j2Calls), applog(broker, applogCalls));
    }

    private static HarnessResults.BrokerDown log4j2(KafkaBroker broker, int calls) throws Exception {
        Path dir = Peers.tempDir("down-log4j2");
        String topic = "down-log4j2";
        try {
            broker.createTopic(topic, 1);
            broker.stop();
            long[] r;
            try (Child app = app(Peers.LOG4J2_KAFKA, broker.bootstrap(), topic, calls, dir)) {
                app.expect("READY", 60);
                app.send("GO");
                r = result(app.expect("RESULT", LOG4J2_CALL_SECONDS * calls));
                broker.restart();
                app.send("CLOSE");
                app.expect("CLOSED", 120);
            } finally {
                restarted(broker);
            }
            return row(Peers.LOG4J2_KAFKA, r, Log4j2KafkaPeer.records(broker.bootstrap(), topic));
        } finally {
            Peers.delete(dir);
        }
    }

    private static HarnessResults.BrokerDown applog(KafkaBroker broker, int calls) throws Exception {
        Path dir = Peers.tempDir("down-applog");
        String topic = "down-applog";
        Path queue = dir.resolve("queue");
        Path logfile = dir.resolve("collected.log");
        try {
            broker.createTopic(topic, 1);
            try (DrainerChild ship = DrainerChild.ship(queue, broker.bootstrap(), topic, dir.resolve("ship.out"))) {
                long[] r;
                broker.stop();
                try (Child app = app(Peers.APPLOG, queue.toString(), topic, calls, dir)) {
                    app.expect("READY", 60);
                    app.send("GO");
                    r = result(app.expect("RESULT", 120));
                    broker.restart();
                    app.send("CLOSE");
                    app.expect("CLOSED", 60);
                } finally {
                    restarted(broker);
                }
                try (DrainerChild collect = DrainerChild.collect(broker.bootstrap(), topic, logfile,
                        dir.resolve("collect.out"));
                     LineCounter lines = new LineCounter(logfile)) {
                    long delivered;
                    try {
                        delivered = lines.awaitAtLeast(calls, 60);
                    } catch (IllegalStateException stalled) {
                        delivered = lines.count();
                    }
                    ship.checkAlive();
                    collect.checkAlive();
                    return row(Peers.APPLOG, r, delivered);
                }
            }
        } finally {
            Peers.delete(dir);
        }
    }

    private static Child app(String logger, String target, String topic, int calls, Path dir) throws IOException {
        return Child.start("app-" + logger, List.of("-XX:+UseSerialGC",
                        "-D" + Jvm.SLF4J_PROVIDER + "=" + (Peers.APPLOG.equals(logger) ? Jvm.APPLOG_PROVIDER : Jvm.NOP_PROVIDER)),
                KafkaDownChild.class, List.of(logger, target, topic, "" + calls, dir.toString()), dir);
    }

    /** The broker running again whatever happened (a failed measurement leaves it stopped). */
    private static void restarted(KafkaBroker broker) throws IOException, InterruptedException {
        if (!broker.running()) {
            broker.restart();
        }
    }

    private static long[] result(String line) {
        return Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static HarnessResults.BrokerDown row(String logger, long[] r, long delivered) {
        return new HarnessResults.BrokerDown(logger, (int) r[3], r[0] / 1e6, r[1] < 0 ? Double.NaN : r[1] / 1e6,
                r[2] < 0 ? Double.NaN : r[2] / 1e6, delivered);
    }
}
