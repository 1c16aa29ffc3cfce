package io.applog;

import org.junit.jupiter.api.Test;

import net.openhft.chronicle.queue.RollCycles;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplogSettingsTest {
    private static ApplogSettings of(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ApplogSettings.fromProperties(p);
    }

    @Test
    void shouldLeavePretouchOffUnlessSetAndAcceptOnlyTrueOrFalse() {
        assertFalse(of().pretouch());
        assertTrue(of(ApplogSettings.PRETOUCH, " TRUE ").pretouch());
        assertFalse(of(ApplogSettings.PRETOUCH, "false").pretouch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.PRETOUCH, "yes"));
        assertEquals("applog.pretouch=yes (expected true or false)", e.getMessage());
    }

    @Test
    void shouldNameTheSettingAndValueThatAreInvalid() {
        assertEquals("applog.minFreeMb=-1 (expected >= 0)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.MIN_FREE_MB, "-1")).getMessage());
        assertEquals("applog.heartbeatMs=ten (expected a whole number)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.HEARTBEAT_MS, "ten")).getMessage());
        assertEquals("applog.format=xml (expected text, json or otel)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.FORMAT, "xml")).getMessage());
        assertEquals(64L * 1024 * 1024, of().minFreeBytes());
    }

    @Test
    void shouldRefuseATimeoutThatDoesNotFitInsteadOfWrappingItToNever() {
        assertEquals("applog.timeoutSec=4294967296 (expected 0..86400)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.TIMEOUT_SEC, "4294967296")).getMessage());
        assertEquals("applog.timeoutSec=-1 (expected 0..86400)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.TIMEOUT_SEC, "-1")).getMessage());
        assertEquals(86_400, of(ApplogSettings.TIMEOUT_SEC, "86400").timeoutSeconds());
        assertEquals(0, of(ApplogSettings.TIMEOUT_SEC, " 0 ").timeoutSeconds());
        assertEquals("applog.timeoutSec=86401 (expected 0..86400)", assertThrows(IllegalArgumentException.class,
                () -> ApplogSettings.builder().timeoutSeconds(86_401).build()).getMessage());
    }

    @Test
    void shouldParseFormatsAndRollCyclesIntoTheirTypesOnce() {
        assertEquals(OutputFormat.TEXT, of().format());
        assertEquals(OutputFormat.JSON, of(ApplogSettings.FORMAT, " JSON ").format());
        assertSame(RollCycles.FIVE_MINUTELY, of().rollCycle());
        assertSame(RollCycles.FAST_HOURLY, of(ApplogSettings.ROLL_CYCLE, "fast_hourly").rollCycle());
        assertEquals("applog.rollCycle=SECONDLY (expected a name from RollCycles, e.g. FIVE_MINUTELY or FAST_HOURLY)",
                assertThrows(IllegalArgumentException.class,
                        () -> of(ApplogSettings.ROLL_CYCLE, "SECONDLY")).getMessage());
    }

    @Test
    void shouldReadTheJulSwitchLikeEveryOtherSetting() {
        assertTrue(of().jul());
        assertFalse(of(ApplogSettings.JUL, "false").jul());
        assertEquals("applog.jul=no (expected true or false)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.JUL, "no")).getMessage());
    }

    @Test
    void shouldNameUnknownKeysButNotPerLoggerLevelsInternalOrTestKeys() {
        Properties p = new Properties();
        p.setProperty("applog.lvel", "DEBUG");
        p.setProperty("applog.Queue", "/tmp/x");
        p.setProperty("applog.level.com.example", "DEBUG");
        p.setProperty("applog.role", "tool");
        p.setProperty("applog.test.stress", "true");
        p.setProperty("other.key", "1");
        assertEquals(List.of("applog.Queue", "applog.lvel"), ApplogSettings.unknownKeys(p));
        assertEquals(Level.DEBUG, ApplogSettings.fromProperties(p).levelFor("com.example.Foo"));
    }

    @Test
    void shouldGiveTheOutputFormatsTheirCommandLineNames() {
        assertEquals("text", OutputFormat.TEXT.id());
        assertEquals("otel", OutputFormat.OTEL.id());
        assertEquals(OutputFormat.OTEL, OutputFormat.parse("--format", " OTel "));
        assertEquals("text, json or otel", OutputFormat.expected());
        assertEquals("--format=xml (expected text, json or otel)", assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.parse("--format", "xml")).getMessage());
        assertEquals("--format=null (expected text, json or otel)", assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.parse("--format", null)).getMessage());
    }

    @Test
    void shouldTakeAPatternForTheTextLineAndCheckItsSyntaxWithTheKeyNamed() {
        assertEquals(null, of().pattern());
        assertEquals("%d{HH:mm:ss} %-5level %msg%n", of(ApplogSettings.PATTERN, "%d{HH:mm:ss} %-5level %msg%n").pattern());
        assertEquals("applog.pattern=%d %-5level %foo (unknown conversion word %foo at position 12)",
                assertThrows(IllegalArgumentException.class,
                        () -> of(ApplogSettings.PATTERN, "%d %-5level %foo")).getMessage());
        assertEquals("applog.pattern=%msg (for applog.format=text only, not json)",
                assertThrows(IllegalArgumentException.class,
                        () -> of(ApplogSettings.PATTERN, "%msg", ApplogSettings.FORMAT, "json")).getMessage());
        assertEquals("applog.pattern= (empty pattern)", assertThrows(IllegalArgumentException.class,
                () -> ApplogSettings.builder().pattern("").build()).getMessage());
        assertEquals(List.of(), ApplogSettings.unknownKeys(props(ApplogSettings.PATTERN, "%msg")));
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
