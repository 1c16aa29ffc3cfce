package io.applog;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals("applog.format=xml (expected text or json)", assertThrows(IllegalArgumentException.class,
                () -> of(ApplogSettings.FORMAT, "xml")).getMessage());
        assertEquals(64L * 1024 * 1024, of().minFreeBytes());
    }
}
