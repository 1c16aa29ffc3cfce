package io.applog.internal;

import io.applog.internal.PatternSyntax.Conversion;
import io.applog.internal.PatternSyntax.Element;
import io.applog.internal.PatternSyntax.Literal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PatternSyntaxTest {
    private static Conversion conversion(String pattern) {
        List<Element> elements = PatternSyntax.parse(pattern);
        assertEquals(1, elements.size(), elements::toString);
        return (Conversion) elements.get(0);
    }

    private static String error(String pattern) {
        return assertThrows(IllegalArgumentException.class, () -> PatternSyntax.parse(pattern)).getMessage();
    }

    @Test
    void shouldSplitTheDefaultLineIntoLiteralsAndConversionsWithTheirPositions() {
        assertEquals(List.of(
                new Conversion(0, "date", "d", false, 0, Integer.MAX_VALUE, false, List.of("yyyy-MM-dd HH:mm:ss.SSSSSS")),
                new Literal(30, " "),
                new Conversion(31, "level", "level", true, 5, Integer.MAX_VALUE, false, List.of()),
                new Literal(39, " "),
                new Conversion(40, "process", "process", false, 0, Integer.MAX_VALUE, false, List.of()),
                new Literal(48, "["),
                new Conversion(49, "pid", "pid", false, 0, Integer.MAX_VALUE, false, List.of()),
                new Literal(53, "] ["),
                new Conversion(56, "thread", "thread", false, 0, Integer.MAX_VALUE, false, List.of()),
                new Literal(63, "] "),
                new Conversion(65, "logger", "logger", false, 0, Integer.MAX_VALUE, false, List.of()),
                new Literal(72, " - "),
                new Conversion(75, "msg", "msg", false, 0, Integer.MAX_VALUE, false, List.of()),
                new Conversion(79, "n", "n", false, 0, Integer.MAX_VALUE, false, List.of())),
                PatternSyntax.parse(PatternSyntax.DEFAULT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%5level     | false | 5 | 2147483647 | false",
            "%-5level    | true  | 5 | 2147483647 | false",
            "%.1level    | false | 0 | 1          | false",
            "%.-1level   | false | 0 | 1          | true",
            "%-10.-20msg | true  | 10 | 20        | true",
            "%20.30msg   | false | 20 | 30        | false",
            "%0msg       | false | 0 | 2147483647 | false"})
    void shouldReadLogbackFormatModifiers(String pattern, boolean padRight, int min, int max, boolean keepStart) {
        Conversion c = conversion(pattern);
        assertEquals(padRight, c.padRight());
        assertEquals(min, c.min());
        assertEquals(max, c.max());
        assertEquals(keepStart, c.keepStart());
    }

    @Test
    void shouldKnowLogbacksAliases() {
        assertEquals(Set.of("date", "ex", "host", "kv", "level", "logger", "marker", "mdc", "msg", "n", "nopex",
                "pid", "process", "thread"), PatternSyntax.words());
        String[][] aliases = {{"d", "date"}, {"date", "date"}, {"p", "level"}, {"le", "level"}, {"t", "thread"},
                {"c", "logger"}, {"lo", "logger"}, {"m", "msg"}, {"message", "msg"}, {"X", "mdc"}, {"kvp", "kv"},
                {"exception", "ex"}, {"throwable", "ex"}, {"nopexception", "nopex"}};
        for (String[] a : aliases) {
            Conversion c = conversion("%" + a[0]);
            assertEquals(a[1], c.word(), a[0]);
            assertEquals(a[0], c.written());
        }
    }

    @Test
    void shouldSplitOptionsAsLogbackDoes() {
        assertEquals(List.of("HH:mm:ss.SSS", "UTC"), conversion("%d{HH:mm:ss.SSS, UTC}").options());
        assertEquals(List.of("HH:mm:ss,SSS", "Europe/Berlin", "de"),
                conversion("%d{\"HH:mm:ss,SSS\", Europe/Berlin , de}").options());
        assertEquals(List.of("HH'h'mm"), conversion("%d{HH'h'mm}").options(), "a quote inside a raw option stays");
        assertEquals(List.of("a\"b", "c}d"), conversion("%mdc{\"a\\\"b\" 'c}d'}").options());
        assertEquals(List.of(), conversion("%logger{}").options());
        assertEquals(List.of("  spaced  "), conversion("%mdc{'  spaced  '}").options());
        assertEquals("%d at position 0", conversion("%d{x}").where());
    }

    @Test
    void shouldJoinLiteralTextAndReadPercentPercentAsPercent() {
        assertEquals(List.of(new Literal(0, "100% sure [ok]"),
                        new Conversion(15, "msg", "msg", false, 0, Integer.MAX_VALUE, false, List.of()),
                        new Literal(19, "%")),
                PatternSyntax.parse("100%% sure [ok]%msg%%"));
        assertEquals(List.of(new Conversion(0, "level", "level", false, 0, Integer.MAX_VALUE, false, List.of()),
                        new Literal(6, "-x")),
                PatternSyntax.parse("%level-x"), "a word ends at the first char that is not a letter, digit or _");
    }

    @Test
    void shouldNameTheProblemAndItsPosition() {
        assertEquals("unknown conversion word %foo at position 12", error("%d %-5level %foo"));
        assertEquals("unknown conversion word %Level at position 0", error("%Level"), "words are case-sensitive");
        assertEquals("unknown conversion word %level5 at position 2", error("a %level5"));
        assertEquals("missing conversion word after % at position 4", error("abc %"));
        assertEquals("missing conversion word after % at position 0", error("%-5 x"));
        assertEquals("missing conversion word after % at position 1", error("x%{a}"));
        assertEquals("missing maximum width after '.' at position 0", error("%.level"));
        assertEquals("width 10000 at position 3 is too large (at most 9999)", error("ab %10000msg"));
        assertEquals("unclosed { after %d at position 5", error("[%t] %d{HH:mm"));
        assertEquals("unclosed { after %mdc at position 0", error("%mdc{'a}"));
        assertEquals("empty pattern", error(""));
        assertEquals("empty pattern", error(null));
    }
}
