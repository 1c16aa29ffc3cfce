package io.applog.jul;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApplogHandlerTest {
    @ParameterizedTest
    @CsvSource({
            "FINEST, TRACE", "FINER, TRACE", "FINE, DEBUG", "CONFIG, INFO", "INFO, INFO",
            "WARNING, WARN", "SEVERE, ERROR", "ALL, TRACE", "OFF, ERROR",
            "299, TRACE", "499, TRACE", "500, DEBUG", "699, DEBUG", "700, INFO", "899, INFO",
            "900, WARN", "999, WARN", "1000, ERROR"})
    void shouldMapJulLevelsByValue(String jul, io.applog.Level expected) {
        assertEquals(expected, ApplogHandler.toApplog(Level.parse(jul)));
    }

    @ParameterizedTest
    @CsvSource({"TRACE, FINEST", "DEBUG, FINE", "INFO, CONFIG", "WARN, WARNING", "ERROR, SEVERE", "OFF, OFF"})
    void shouldLowerJulToTheMostVerboseLevelAnApplogThresholdLetsThrough(io.applog.Level level, String jul) {
        assertEquals(Level.parse(jul), ApplogHandler.toJul(level));
        assertEquals(level == io.applog.Level.OFF ? io.applog.Level.ERROR : level,
                ApplogHandler.toApplog(ApplogHandler.toJul(level)));
    }
}
