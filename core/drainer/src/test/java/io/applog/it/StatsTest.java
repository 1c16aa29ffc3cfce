package io.applog.it;

import io.applog.cli.Main;
import io.applog.testing.ChildProcessTest;
import io.applog.testing.InProcessCli;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code applog stats} over queues of real writer processes, before and after draining. */
class StatsTest extends ChildProcessTest {
    private String stats(Path queue, String name) throws Exception {
        Process p = children.start(name, Main.class, List.of(), "stats", "--queue", queue.toString(),
                "--format", "json");
        assertEquals(0, children.exit(p, name, 30), children.stderr(name));
        return children.stdoutText(name);
    }

    @Test
    void shouldReportEachWritersRecordsAndBacklogAndNothingOnceDrained() throws Exception {
        Path queue = tmp.resolve("q");
        Process a = children.start("a", WriterMain.class, List.of(), queue.toString(), "alpha", "120");
        Process b = children.start("b", WriterMain.class, List.of(), queue.toString(), "beta", "80");
        children.awaitSuccess(30, "a", "b");

        String before = stats(queue, "before");
        String writer = "\\{\"directory\":\"w-%d-\\d+\",\"process\":\"%s\",\"pid\":%d,\"alive\":false,\"closed\":true,"
                + "\"lastRecord\":\"[^\"]+Z\",\"records\":%d,\"backlog\":%d,\"dropped\":0}";
        String wa = String.format(writer, a.pid(), "alpha", a.pid(), 120, 120);
        String wb = String.format(writer, b.pid(), "beta", b.pid(), 80, 80);
        boolean ordered = Long.toString(a.pid()).compareTo(Long.toString(b.pid())) < 0;
        String writers = ordered ? wa + "," + wb : wb + "," + wa;
        assertTrue(before.matches("\\{\"writers\":\\[" + writers + "],\"drainer\":\\{\"running\":false,\"pid\":\"\","
                + "\"logfile\":\"\",\"position\":0,\"lagSeconds\":[0-9.E-]+},\"diskBytes\":\\d+}\n"), before);

        Path logfile = tmp.resolve("app.log");
        assertEquals(0, InProcessCli.run(60, "drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--timeout-sec", "1"));
        String after = stats(queue, "after");
        assertTrue(after.matches("\\{\"writers\":\\[],\"drainer\":\\{\"running\":false,\"pid\":\"\\d+\",\"logfile\":\""
                + logfile.toString().replace(".", "\\.") + "\",\"position\":" + Files.size(logfile)
                + ",\"lagSeconds\":0\\.0},\"diskBytes\":\\d+}\n"), after);
    }

    @Test
    void shouldShowAShippersLagAsRecordsNotYetAcknowledgedWithoutKafkaClasses() throws Exception {
        Path queue = tmp.resolve("q");
        Process a = children.start("a", WriterMain.class, List.of(), queue.toString(), "alpha", "120");
        children.awaitSuccess(30, "a");
        // what applog ship (module core/kafka, not on this module's class path) checkpoints
        Files.writeString(queue.resolve("drainer.checkpoint"), "applog-checkpoint 2\nsink kafka 17 my-topic 3\n");

        Process p = children.start("table", Main.class, List.of(), "stats", "--queue", queue.toString());
        assertEquals(0, children.exit(p, "table", 30), children.stderr("table"));
        List<String> table = children.stdout("table");
        List<String> tail = table.subList(table.size() - 4, table.size());
        assertEquals("drainer: not running, topic my-topic at message 17", tail.get(0), String.join("\n", table));
        assertTrue(tail.get(1).matches("lag: 120 records, \\d+\\.\\d{3} s \\(not yet acknowledged by the broker\\)"),
                tail.get(1));
        assertEquals("lost: 3 records the output refused for good (skipped)", tail.get(2));
        assertTrue(stats(queue, "json").matches(".*,\"drainer\":\\{\"running\":false,\"pid\":\"\",\"logfile\":\"topic my-topic\","
                + "\"position\":17,\"lagSeconds\":[0-9.E-]+,\"pending\":\"acknowledged by the broker\",\"lagRecords\":120,"
                + "\"lost\":3},\"diskBytes\":\\d+}\n"));
    }
}
