package io.applog.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlaceholdersTest {

    private static String format(String template, String... args) {
        StringBuilder[] builders = new StringBuilder[args.length + 2];
        for (int i = 0; i < args.length; i++) {
            builders[i] = args[i] == null ? null : new StringBuilder(args[i]);
        }
        StringBuilder out = new StringBuilder();
        Placeholders.fill(template, builders, args.length, out);
        return out.toString();
    }

    @Test
    void fillsPlaceholdersInOrder() {
        assertEquals("Hello world", format("Hello {}", "world"));
        assertEquals("1 + 2 = 3", format("{} + {} = {}", "1", "2", "3"));
        assertEquals("ab", format("{}{}", "a", "b"));
        assertEquals("{x}", format("{{}}", "x"));
    }

    @Test
    void surplusPlaceholdersStayLiteral() {
        assertEquals("a x b {}", format("a {} b {}", "x"));
        assertEquals("a {} b {}", format("a {} b {}"));
    }

    @Test
    void surplusArgumentsAreIgnored() {
        assertEquals("a x", format("a {}", "x", "y", "z"));
        assertEquals("no placeholders", format("no placeholders", "x"));
    }

    @Test
    void escapedPlaceholderIsLiteral() {
        assertEquals("set {} to x", format("set \\{} to {}", "x"));
        assertEquals("{}x", format("\\{}{}", "x"));
    }

    @Test
    void doubleEscapedPlaceholderKeepsOneBackslashAndTakesArgument() {
        assertEquals("path C:\\x", format("path C:\\\\{}", "x"));
        assertEquals("\\x and y", format("\\\\{} and {}", "x", "y"));
    }

    @Test
    void escapesAfterTheLastArgumentAreKeptAsSlf4jDoes() {
        assertEquals("x \\{}", format("{} \\{}", "x"));
        assertEquals("\\{}", format("\\{}"));
    }

    @Test
    void nothingElseIsInterpreted() {
        assertEquals("%n%s x %d", format("%n%s {} %d", "x"));
        assertEquals("${jndi:ldap://x} ${jndi:ldap://y}", format("${jndi:ldap://x} {}", "${jndi:ldap://y}"));
        assertEquals("{ } {0} x", format("{ } {0} {}", "x"));
    }

    @Test
    void argumentsAreNotExpandedAgain() {
        assertEquals("{} b", format("{} {}", "{}", "b"));
        assertEquals("\\{} b", format("{} {}", "\\{}", "b"));
    }

    @Test
    void nullArgumentIsTheTextNull() {
        assertEquals("v=null", format("v={}", (String) null));
    }

    @Test
    void appendsToExistingContentAndAcceptsAnyCharSequence() {
        StringBuilder out = new StringBuilder("> ");
        StringBuilder[] args = {new StringBuilder("1"), new StringBuilder("2")};
        Placeholders.fill(new StringBuilder("{}-{}"), args, 1, out);
        assertEquals("> 1-{}", out.toString());
    }

    @Test
    void emptyTemplateAndTrailingBrace() {
        assertEquals("", format("", "x"));
        assertEquals("x{", format("{}{", "x"));
        assertEquals("\\", format("\\", "x"));
    }
}
