package io.applog.log4j2;

import io.applog.Applog;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Log4j2 starts the new configuration's appenders before it stops the old ones: the process's
 * one {@link Applog} stays open across a reconfiguration and is closed when Log4j2 stops.
 */
class ReconfigurationTest {
    @Test
    void shouldKeepApplogOpenAcrossAReconfigurationAndCloseItAtShutdown(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("log4j2.xml");
        Files.writeString(xml, "<Configuration><Appenders><Applog name=\"APPLOG\" queue=\"" + tmp.resolve("q")
                + "\" process=\"reconfigured\" drainer=\"none\"/></Appenders>"
                + "<Loggers><Root level=\"info\"><AppenderRef ref=\"APPLOG\"/></Root></Loggers></Configuration>",
                StandardCharsets.UTF_8);
        LoggerContext context = Configurator.initialize("reconfigure", xml.toString());
        try {
            ApplogAppender first = context.getConfiguration().getAppender("APPLOG");
            assertNotNull(first, "the <Applog> appender was created");
            Applog applog = Applog.current();
            assertNotNull(applog);
            context.getLogger("demo.Reconfigured").info("before {}", 1);
            context.reconfigure();
            ApplogAppender second = context.getConfiguration().getAppender("APPLOG");
            assertNotSame(first, second, "a new appender after the reconfiguration");
            assertSame(applog, Applog.current(), "the same applog, still open");
            context.getLogger("demo.Reconfigured").info("after {}", 2);
            assertEquals(0, applog.dropped(), "records dropped");
            assertEquals(0, first.failures() + second.failures(), "appends failed");
        } finally {
            Configurator.shutdown(context);
        }
        assertNull(Applog.current(), "closed when Log4j2 stopped the last appender");
    }
}
