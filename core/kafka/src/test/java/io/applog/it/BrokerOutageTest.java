package io.applog.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker stopped for 20 s while writers keep logging and the shipper ships: afterwards the
 * collected file holds every record exactly once, and the shipper said once that the broker
 * was gone and once that it was back (a broker of its own: this test stops it).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BrokerOutageTest extends OwnBrokerTest {

    @Test
    void shouldShipEveryRecordOnceAcrossABrokerStoppedFor20Seconds() throws Exception {
        String topic = "outage";
        broker.createTopic(topic, 3);
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("all.log");
        // 20,000 records each, 20 ms pause every 10: the writers log for about 45 s
        List<Process> writers = runs.startWriters(queue, "o", 2, 10, 20, List.of("-DcallTimes=true"));
        Process shipper = runs.ship("ship", queue, topic, "host-o");
        Process collector = runs.collect("collector", topic, logfile);
        KafkaRuns.awaitShipped(queue);
        KafkaRuns.awaitLines(logfile, 1, collector, "");
        broker.stop();
        Thread.sleep(20_000);
        assertTrue(writers.get(0).isAlive() && writers.get(1).isAlive(), "the writers kept logging meanwhile");
        broker.restart();
        runs.awaitWriters(writers, "o", "");
        for (String w : List.of("o1", "o2")) { // what the applications' calls took, the outage included: a report
            List<String> calls = children.stdout(w).stream().filter(l -> l.startsWith("calls ")).toList();
            assertEquals(1, calls.size(), w + ": " + children.stdout(w));
            assertTrue(calls.get(0).startsWith("calls " + KafkaRuns.PER_WRITER + " p50 "), calls.get(0));
            System.out.println("BrokerOutageTest: writer " + w + ": " + calls.get(0));
        }
        assertEquals(0, children.exit(shipper, "ship", 120), children.stderr("ship"));
        KafkaRuns.awaitLines(logfile, 2L * KafkaRuns.PER_WRITER, collector, "");
        runs.stop(collector, "collector", "");
        KafkaRuns.assertExactlyOnce(logfile, "o", 2, false, "");

        List<String> notes = children.stderr("ship").lines().toList();
        String broker = BrokerOutageTest.broker.bootstrap().replace(".", "\\.");
        assertEquals(2, notes.size(), "the shipper's stderr: " + notes);
        assertTrue(notes.get(0).matches("applog ship: broker " + broker + " unreachable since \\d\\d:\\d\\d:\\d\\d"
                + " \\(retrying\\); records wait in the queue dir"), notes.get(0));
        assertTrue(notes.get(1).matches("applog ship: broker " + broker + " reachable again after \\d+\\.\\d s"),
                notes.get(1));
        double seconds = Double.parseDouble(notes.get(1).replaceAll(".* after (\\S+) s", "$1"));
        assertTrue(seconds >= 20 && seconds < 90, "away for " + seconds + " s");
    }
}
