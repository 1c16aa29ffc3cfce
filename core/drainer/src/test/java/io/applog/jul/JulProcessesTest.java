package io.applog.jul;

import io.applog.testing.Children;
import io.applog.testing.InProcessCli;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Child JVMs logging through JUL into applog, installed by the SLF4J provider or by logging.properties. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JulProcessesTest {
    private Path dir;
    private Children children;
    private List<String> text;

    @BeforeAll
    void runChildrenAndDrain(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tempDir) throws Exception {
        dir = tempDir;
        children = new Children(dir);
        Path q = dir.resolve("q");
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, "handlers=io.applog.jul.ApplogHandler\n"
                + ".level=FINE\n"
                + "io.applog.jul.ApplogHandler.level=FINE\n");
        children.application("jul-installed", q, JulApp.class, List.of("-Dapplog.level=TRACE"), "slf4j-first");
        children.application("jul-configured", q, JulApp.class,
                List.of("-Djava.util.logging.config.file=" + config, "-Dapplog.level=DEBUG"), "jul-only");
        children.awaitSuccess(30, "jul-installed", "jul-configured");
        text = InProcessCli.drain(q, dir.resolve("app.log"), "text");
    }

    @AfterAll
    void killChildren() {
        children.close();
    }

    /** Record lines (level, logger, message) of one process, in file order; every record is on thread main. */
    private List<String> records(String process) {
        List<String> out = new ArrayList<>();
        for (String line : LogLine.linesOf(text, process)) {
            LogLine record = LogLine.parse(line);
            assertEquals("main", record.thread(), line);
            assertEquals(children.process(process).pid(), record.pid(), line);
            out.add(record.summary());
        }
        return out;
    }

    @Test
    void shouldMapEveryJulLevelWhenTheProviderInstalledTheHandler() throws Exception {
        assertEquals(List.of(
                "INFO demo.Start - slf4j first",
                "TRACE demo.jul.Legacy - jul finest",
                "TRACE demo.jul.Legacy - jul finer",
                "DEBUG demo.jul.Legacy - jul fine",
                "INFO demo.jul.Legacy - jul config",
                "INFO demo.jul.Legacy - jul info {0} and p0",
                "WARN demo.jul.Legacy - jul warning",
                "ERROR demo.jul.Legacy - jul severe"), records("jul-installed"));
        assertEquals("", children.stdoutText("jul-installed"));
        assertEquals("", children.stderr("jul-installed"));
    }

    @Test
    void shouldWorkFromLoggingPropertiesAloneAndWriteEachRecordOnce() throws Exception {
        assertEquals(List.of(
                "DEBUG demo.jul.Legacy - jul fine",
                "INFO demo.jul.Legacy - jul config",
                "INFO demo.jul.Legacy - jul info {0} and p0",
                "WARN demo.jul.Legacy - jul warning",
                "ERROR demo.jul.Legacy - jul severe"), records("jul-configured"));
        assertEquals("", children.stdoutText("jul-configured"));
        assertEquals("", children.stderr("jul-configured"));
    }

    @Test
    void shouldKeepTheThrownExceptionOfAJulRecord() {
        int count = 0;
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).endsWith(" - jul severe")) {
                assertEquals("\tjava.lang.IllegalStateException: jul boom", text.get(i + 1));
                assertEquals("\t\tat io.applog.jul.JulApp.main(JulApp.java:26)", text.get(i + 2));
                count++;
            }
        }
        assertEquals(2, count);
    }
}
