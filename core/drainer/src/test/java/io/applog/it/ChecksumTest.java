package io.applog.it;

import io.applog.testing.ChildProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Output equals input: eight writer processes of checksummed records and a concurrent drainer. */
@Timeout(value = Stress.TIMEOUT_MINUTES, unit = TimeUnit.MINUTES)
class ChecksumTest extends ChildProcessTest {
    @Test
    void shouldWriteEveryRecordOfEightWritersOnceInOrderWithValidChecksums() throws Exception {
        int writers = 8;
        int perWriter = Stress.pick(5_000, 100_000);
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<Process> started = new ArrayList<>();
        for (int w = 1; w <= writers; w++) {
            started.add(children.start("w" + w, CheckedWriterMain.class, List.of(),
                    queue.toString(), "writer-" + w, Integer.toString(perWriter), "1000", "20"));
        }
        children.awaitWriters(queue, writers);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        for (int w = 1; w <= writers; w++) {
            assertEquals(0, children.exit(started.get(w - 1), "w" + w, Stress.pick(120, 900)), children.stderr("w" + w));
            assertEquals("done " + perWriter, children.lastLine("w" + w));
        }
        assertEquals(0, children.exitWhileGrowing(drainer, "drainer", logfile, 30, ""), children.stderr("drainer"));
        assertEquals("", children.stderr("drainer"));

        CheckedLog log = CheckedLog.read(logfile, CheckedRecords.VARYING, "");
        for (int w = 1; w <= writers; w++) {
            log.assertExactly("writer-" + w, perWriter);
        }
        assertEquals(writers, log.seqs.size(), "writers in the file: " + log.seqs.keySet());
        assertEquals((long) writers * perWriter, log.records);
    }
}
