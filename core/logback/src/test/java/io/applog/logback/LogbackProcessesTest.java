package io.applog.logback;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Logback applications, each configured only by its own {@code logback.xml} with an
 * {@link ApplogAppender} (drainer mode auto), and a fourth with applog's own SLF4J provider
 * making the same calls: the drainer one of them starts writes one logfile in which each
 * process has exactly its records, in its order, with the same text as through the provider.
 */
class LogbackProcessesTest extends ChildProcessTest {
    static final String LOGBACK_PROVIDER = "ch.qos.logback.classic.spi.LogbackServiceProvider";
    static final String APPLOG_PROVIDER = "io.applog.slf4j.ApplogServiceProvider";
    private static final int COUNT = 2_000;
    private static final String[] WORKERS = {"worker-1", "worker-2", "worker-3"};
    /** The default line plus the MDC, the markers and the key-value pairs. */
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSSSSS} %-5level %process[%pid] [%thread] %logger"
            + " - %msg | mdc: %mdc | marker: %marker | kv: %kv%n";
    /** The continuation lines of the ERROR record: {@link LogbackApp#failure()}. */
    static final List<String> FAILURE = List.of(
            "\tjava.io.IOException: write failed",
            "\t\tat demo.Orders.save(Orders.java:44)",
            "\t\tat demo.Main.main(Main.java:3)",
            "\t\tSuppressed: java.lang.IllegalArgumentException: close failed",
            "\t\t\tat demo.Disk.close(Disk.java:9)",
            "\t\t\t... 1 more",
            "\tCaused by: java.lang.IllegalStateException: disk unplugged",
            "\t\tat demo.Disk.write(Disk.java:7)",
            "\t\tat demo.Orders.save(Orders.java:42)");

    /** A logback.xml with the appender of {@link #PATTERN}'s drainer and nothing else. */
    static String logbackXml(Path queue, String process, Path logfile, String extra) {
        return """
                <configuration>
                  <appender name="APPLOG" class="io.applog.logback.ApplogAppender">
                    <queue>%s</queue>
                    <process>%s</process>
                    <drainer>auto</drainer>
                    <logfile>%s</logfile>
                    <format>text</format>
                    <pattern>%s</pattern>
                    <timeoutSec>2</timeoutSec>%s
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="APPLOG"/>
                  </root>
                </configuration>
                """.formatted(queue, process, logfile, PATTERN, extra);
    }

    /** The messages (the text after {@code logger - }) process {@code COUNT} records give, in order. */
    static List<String> expectedMessages(int count) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String mdc = " | mdc: request=req-" + i;
            switch (i % 4) {
                case 0 -> messages.add("record " + i + " of " + count + mdc + " | marker:  | kv: ");
                case 1 -> messages.add("fluent record " + i + mdc
                        + " | marker:  | kv: order=\"" + i + "\" customer=\"alice\"");
                case 2 -> messages.add("audited record " + i + mdc + " | marker: AUDIT | kv: ");
                default -> {
                }
            }
            if (i == count / 2) {
                messages.add("failed record " + i + mdc + " | marker:  | kv: ");
            }
        }
        return messages;
    }

    @Test
    void shouldWriteEveryRecordOfEachLogbackProcessInOrderAsTheProviderDoes() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        for (int w = 0; w < WORKERS.length; w++) {
            Path xml = tmp.resolve(WORKERS[w] + ".xml");
            Files.writeString(xml, logbackXml(queue, WORKERS[w], logfile, ""));
            // the last one stops its Logback context at the end: the appender closes applog
            children.start(WORKERS[w], LogbackApp.class, List.of("-Dlogback.configurationFile=" + xml,
                            "-Dslf4j.provider=" + LOGBACK_PROVIDER),
                    Integer.toString(COUNT), w == WORKERS.length - 1 ? "stop" : "run");
        }
        children.start("reference", LogbackApp.class, List.of("-Dslf4j.provider=" + APPLOG_PROVIDER,
                "-Dapplog.queue=" + queue, "-Dapplog.process=reference", "-Dapplog.drainer=none",
                "-Dapplog.jul=false"), Integer.toString(COUNT));
        children.awaitSuccess(120, "worker-1", "worker-2", "worker-3", "reference");
        for (String w : WORKERS) {
            assertEquals(COUNT, children.done(w), w);
            assertEquals(List.of(), nonSlf4jLines(children.stderr(w)), w + " stderr");
        }
        awaitDrainersGone(60);

        Map<String, List<String>> messages = new LinkedHashMap<>();
        Map<String, List<String>> errorBlocks = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(logfile, StandardCharsets.UTF_8);
        String last = null;
        for (String line : lines) {
            if (line.startsWith("\t")) {
                errorBlocks.computeIfAbsent(last, k -> new ArrayList<>()).add(line);
                continue;
            }
            LogLine l = LogLine.of(line, "");
            assertEquals("main", l.thread(), line);
            assertEquals("demo.Orders", l.logger(), line);
            messages.computeIfAbsent(l.process(), k -> new ArrayList<>()).add(l.message());
            last = l.process();
        }
        List<String> expected = expectedMessages(COUNT);
        assertEquals(List.of("worker-1", "worker-2", "worker-3", "reference"),
                messages.keySet().stream().sorted((a, b) -> order(a) - order(b)).toList());
        for (String process : messages.keySet()) {
            assertEquals(expected.size(), messages.get(process).size(), process + " records");
            assertEquals(expected, messages.get(process), process + " records in order");
            assertEquals(FAILURE, errorBlocks.get(process), process + " exception block");
        }
        assertEquals(4 * (expected.size() + FAILURE.size()), lines.size(), "lines of the logfile");
        assertTrue(expected.size() == COUNT * 3 / 4 + 1, "records of one process: " + expected.size());
    }

    private static int order(String process) {
        return "reference".equals(process) ? WORKERS.length : List.of(WORKERS).indexOf(process);
    }

    /** Lines of {@code stderr} other than SLF4J's own notes about the provider it was told to use. */
    static List<String> nonSlf4jLines(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith("SLF4J(I): Attempting to load provider")).toList();
    }

    /** Waits until no process started for this test's directory runs any more (the drainer exits after its timeout). */
    private void awaitDrainersGone(int seconds) throws InterruptedException, IOException {
        Children.await(seconds, () -> "still running: " + children.startedIndirectly().stream()
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                () -> children.startedIndirectly().isEmpty());
    }
}
