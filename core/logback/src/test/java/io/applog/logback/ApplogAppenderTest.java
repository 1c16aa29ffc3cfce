package io.applog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.applog.ApplogSettings;
import io.applog.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The appender in this JVM: its settings, a configuration it refuses, and applog's own processes. */
class ApplogAppenderTest {
    @TempDir
    Path tmp;

    /** A Logback context of its own configured from {@code xml} (not the one SLF4J uses). */
    static LoggerContext configure(String xml) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setName("test");
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    /** The messages of Logback's status at level {@code level} (Status.ERROR, WARN, INFO). */
    static List<String> statuses(LoggerContext context, int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level).map(Status::getMessage).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<timeoutSec>-1</timeoutSec> | applog.timeoutSec=-1 (expected 0..86400)",
            "<timeoutSec>soon</timeoutSec> | applog.timeoutSec=soon (expected a whole number)",
            "<drainer>sometimes</drainer> | applog.drainer=sometimes (expected auto or none)",
            "<format>xml</format> | applog.format=xml (expected text, json or otel)",
            "<heartbeatMs>5</heartbeatMs> | applog.heartbeatMs=5 (expected 10..60000)",
            "<pretouch>yes</pretouch> | applog.pretouch=yes (expected true or false)"})
    void shouldNotStartWithAnInvalidSettingAndSayWhichInOneLine(String element, String error) throws Exception {
        LoggerContext context = configure("""
                <configuration>
                  <appender name="APPLOG" class="io.applog.logback.ApplogAppender">
                    <queue>%s</queue>
                    %s
                  </appender>
                  <appender name="LIST" class="ch.qos.logback.core.read.ListAppender"/>
                  <root level="INFO">
                    <appender-ref ref="APPLOG"/>
                    <appender-ref ref="LIST"/>
                  </root>
                </configuration>
                """.formatted(tmp.resolve("q"), element));
        try {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertFalse(root.getAppender("APPLOG").isStarted(), "APPLOG started");
            assertEquals(List.of("applog appender [APPLOG] not started: " + error), statuses(context, Status.ERROR));

            context.getLogger("demo.Orders").info("order {}", 7); // the application goes on
            @SuppressWarnings("unchecked")
            ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) root.getAppender("LIST");
            assertEquals(List.of("order 7"), list.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertFalse(Files.exists(tmp.resolve("q")), "no queue dir");
        } finally {
            context.stop();
        }
    }

    @Test
    void shouldTakeEachSettingFromTheAppenderElseFromTheSystemProperties() {
        String before = System.getProperty(ApplogSettings.PROCESS);
        System.setProperty(ApplogSettings.PROCESS, "from-property");
        try {
            ApplogAppender appender = new ApplogAppender();
            appender.setQueue(tmp.resolve("q").toString());
            appender.setTimeoutSec("7");
            appender.setRollCycle("FAST_HOURLY");
            ApplogSettings s = appender.settings();
            assertEquals(tmp.resolve("q"), s.queue());
            assertEquals("from-property", s.process());
            assertEquals(7, s.timeoutSeconds());
            assertEquals(ApplogSettings.DrainerMode.NONE, s.drainer(), "the build's applog.drainer=none");
            assertEquals(ApplogSettings.HEARTBEAT_MS_DEFAULT, s.heartbeatMillis());
            assertEquals("FAST_HOURLY", s.rollCycle().toString());

            appender.setProcess("from-xml");
            appender.setDrainer("auto");
            assertEquals("from-xml", appender.settings().process());
            assertEquals(ApplogSettings.DrainerMode.AUTO, appender.settings().drainer());
        } finally {
            if (before == null) {
                System.clearProperty(ApplogSettings.PROCESS);
            } else {
                System.setProperty(ApplogSettings.PROCESS, before);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"5000, TRACE", "10000, DEBUG", "20000, INFO", "30000, WARN", "40000, ERROR"})
    void shouldMapLogbackLevels(int levelInt, Level expected) {
        assertEquals(expected, ApplogAppender.level(levelInt));
        assertEquals(levelInt, ch.qos.logback.classic.Level.valueOf(expected.name()).toInt());
    }

    @Test
    void shouldStartButWriteNothingInApplogsOwnProcesses() throws Exception {
        String before = System.getProperty(ApplogSettings.ROLE);
        ApplogSettings.markToolProcess();
        try {
            LoggerContext context = configure("""
                    <configuration>
                      <appender name="APPLOG" class="io.applog.logback.ApplogAppender">
                        <queue>%s</queue>
                      </appender>
                      <root level="INFO"><appender-ref ref="APPLOG"/></root>
                    </configuration>
                    """.formatted(tmp.resolve("q")));
            ApplogAppender appender = (ApplogAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("APPLOG");
            assertTrue(appender.isStarted());
            context.getLogger("demo.Orders").info("order {}", 7);
            assertEquals(List.of("applog's own process (applog.role=tool): events of [APPLOG] are not written"),
                    statuses(context, Status.INFO).stream().filter(m -> m.startsWith("applog")).toList());
            assertEquals(List.of(), statuses(context, Status.ERROR));
            assertEquals(0, appender.failures());
            assertFalse(Files.exists(tmp.resolve("q")), "no queue dir");
            context.stop();
        } finally {
            if (before == null) {
                System.clearProperty(ApplogSettings.ROLE);
            } else {
                System.setProperty(ApplogSettings.ROLE, before);
            }
        }
    }
}
