package io.applog.bench.harness;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Logger;
import io.applog.bench.peer.Log4j2KafkaPeer;
import io.applog.bench.peer.Message;
import io.applog.bench.peer.Peers;
import org.HdrHistogram.Histogram;
import org.apache.logging.log4j.LogManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The application JVM of {@link BrokerDownHarness}, started while the broker is stopped:
 * {@code <logger> <queue dir | bootstrap> <topic> <calls> <dir>} with logger {@code applog}
 * (applog's API into the queue dir, which a running {@code applog ship} ships) or
 * {@code log4j2-kafka} (Log4j2's KafkaAppender to the topic, configured in {@code dir}). Says
 * {@code READY}, waits for {@code GO}, makes the calls back to back timing each, says
 * {@code RESULT <first ns> <p50 of the others> <max of the others> <calls>} (-1 for none),
 * then waits for {@code CLOSE} (the broker is back), closes the logger and says {@code CLOSED}.
 */
public final class KafkaDownChild {
    private KafkaDownChild() {
    }

    public static void main(String[] args) throws Exception {
        String logger = args[0];
        int calls = Integer.parseInt(args[3]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (Peers.APPLOG.equals(logger)) {
            try (Applog applog = Applog.open(ApplogSettings.builder().queue(Path.of(args[1]))
                    .process("down").drainer(ApplogSettings.DrainerMode.NONE).build())) {
                Logger log = applog.logger(Message.LOGGER);
                calls(in, calls, (n, s) -> log.info(Message.TEMPLATE, n, s));
                await(in, "CLOSE");
            }
        } else if (Peers.LOG4J2_KAFKA.equals(logger)) {
            Log4j2KafkaPeer.configure(Path.of(args[4]), args[1], args[2]);
            org.apache.logging.log4j.Logger log = LogManager.getLogger(Message.LOGGER);
            calls(in, calls, (n, s) -> log.info(Message.TEMPLATE, n, s));
            await(in, "CLOSE");
            LogManager.shutdown();
        } else {
            throw new IllegalArgumentException("logger=" + logger);
        }
        System.out.println("CLOSED");
        System.out.flush();
    }

    private interface Call {
        void log(int number, String name);
    }

    private static void calls(BufferedReader in, int calls, Call call) throws IOException {
        System.out.println("READY");
        System.out.flush();
        await(in, "GO");
        Histogram next = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
        long first = -1;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call.log(i & Message.INT_MASK, Message.NAME);
            long t = System.nanoTime() - t0;
            if (i == 0) {
                first = t;
            } else {
                next.recordValue(Math.min(t, next.getHighestTrackableValue()));
            }
        }
        boolean any = next.getTotalCount() > 0;
        System.out.println("RESULT " + first + " " + (any ? next.getValueAtPercentile(50) : -1) + " "
                + (any ? next.getMaxValue() : -1) + " " + calls);
        System.out.flush();
    }

    private static void await(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (!word.equals(line)) {
            throw new IOException("expected " + word + ", got " + line);
        }
    }
}
