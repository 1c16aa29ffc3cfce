package io.applog.jul;

import io.applog.slf4j.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Child JVMs logging through JUL into applog, installed by the SLF4J provider or by logging.properties. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JulProcessesTest {
    private static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} (TRACE|DEBUG|INFO |WARN |ERROR) "
                    + "(\\S+)\\[\\d+\\] \\[main\\] (\\S+) - (.*)");

    private Path dir;

    private ChildJvm installed;
    private ChildJvm configured;
    private List<String> text;

    @BeforeAll
    void runChildrenAndDrain(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path q = dir.resolve("q");
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, "handlers=io.applog.jul.ApplogHandler\n"
                + ".level=FINE\n"
                + "io.applog.jul.ApplogHandler.level=FINE\n");
        installed = ChildJvm.start(dir, q, "jul-installed", JulApp.class,
                List.of("-Dapplog.level=TRACE"), "slf4j-first");
        configured = ChildJvm.start(dir, q, "jul-configured", JulApp.class,
                List.of("-Djava.util.logging.config.file=" + config, "-Dapplog.level=DEBUG"), "jul-only");
        ChildJvm.awaitSuccess(List.of(installed, configured));
        text = ChildJvm.drain(q, dir.resolve("app.log"), "text");
    }

    private List<String> records(String process) {
        List<String> out = new ArrayList<>();
        for (String line : text) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && m.group(2).equals(process)) {
                out.add(m.group(1).trim() + " " + m.group(3) + " - " + m.group(4));
            }
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
        assertEquals("", installed.stdout());
        assertEquals("", installed.stderr());
    }

    @Test
    void shouldWorkFromLoggingPropertiesAloneAndWriteEachRecordOnce() throws Exception {
        assertEquals(List.of(
                "DEBUG demo.jul.Legacy - jul fine",
                "INFO demo.jul.Legacy - jul config",
                "INFO demo.jul.Legacy - jul info {0} and p0",
                "WARN demo.jul.Legacy - jul warning",
                "ERROR demo.jul.Legacy - jul severe"), records("jul-configured"));
        assertEquals("", configured.stdout());
        assertEquals("", configured.stderr());
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
