package io.applog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The syntax of a text-line pattern ({@code applog.pattern}, {@code --pattern}), as in Logback's
 * conversion patterns: literal text, {@code %%} for a percent sign, and conversions
 * {@code %[-][min][.[-]max]word[{option, option...}]}. {@link #parse} splits a pattern into
 * {@link Element}s and rejects bad syntax and unknown conversion words; what a word and its
 * options mean is the drainer's business (its pattern format compiles these elements). The
 * library checks {@code applog.pattern} with the same method, so there is one grammar.
 *
 * <p>Positions count chars from 0: the position of a conversion is that of its {@code %}.
 * Options are split at commas outside quotes, trimmed, and unquoted ({@code '...'} or
 * {@code "..."}, a backslash escapes the quote inside): {@code %d{"HH:mm:ss,SSS", UTC}}.
 */
public final class PatternSyntax {
    /** Today's line: {@code 2026-11-25 05:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - text}. */
    public static final String DEFAULT =
            "%d{yyyy-MM-dd HH:mm:ss.SSSSSS} %-5level %process[%pid] [%thread] %logger - %msg%n";

    public static final String DATE = "date";
    public static final String LEVEL = "level";
    public static final String PROCESS = "process";
    public static final String PID = "pid";
    public static final String HOST = "host";
    public static final String THREAD = "thread";
    public static final String LOGGER = "logger";
    public static final String MESSAGE = "msg";
    public static final String MDC = "mdc";
    public static final String KEY_VALUES = "kv";
    public static final String MARKER = "marker";
    public static final String EXCEPTION = "ex";
    public static final String NO_EXCEPTION = "nopex";
    public static final String NEWLINE = "n";

    /** Every word as written in a pattern (Logback's aliases too), to its canonical name. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("d", DATE), Map.entry("date", DATE),
            Map.entry("p", LEVEL), Map.entry("le", LEVEL), Map.entry("level", LEVEL),
            Map.entry("process", PROCESS), Map.entry("pid", PID), Map.entry("host", HOST),
            Map.entry("t", THREAD), Map.entry("thread", THREAD),
            Map.entry("c", LOGGER), Map.entry("lo", LOGGER), Map.entry("logger", LOGGER),
            Map.entry("m", MESSAGE), Map.entry("msg", MESSAGE), Map.entry("message", MESSAGE),
            Map.entry("X", MDC), Map.entry("mdc", MDC),
            Map.entry("kv", KEY_VALUES), Map.entry("kvp", KEY_VALUES),
            Map.entry("marker", MARKER),
            Map.entry("ex", EXCEPTION), Map.entry("exception", EXCEPTION), Map.entry("throwable", EXCEPTION),
            Map.entry("nopex", NO_EXCEPTION), Map.entry("nopexception", NO_EXCEPTION),
            Map.entry("n", NEWLINE));

    /** Widths have at most this many digits. */
    private static final int MAX_WIDTH_DIGITS = 4;

    private PatternSyntax() {
    }

    /** One piece of a pattern. */
    public sealed interface Element permits Literal, Conversion {
        /** Index in the pattern of the element's first char. */
        int position();
    }

    /** Text written as it is ({@code %%} gives {@code %}). */
    public record Literal(int position, String text) implements Element {
    }

    /**
     * A conversion word with its format modifiers and options.
     *
     * @param position  index of its {@code %}
     * @param word      canonical name ({@link #DATE}, {@link #LEVEL}, ...)
     * @param written   the word as written ({@code d}, {@code -5level} is written {@code level})
     * @param padRight  {@code -}: pad on the right (left-justify) up to {@code min}
     * @param min       minimum width, 0 for none
     * @param max       maximum width, {@link Integer#MAX_VALUE} for none
     * @param keepStart {@code .-max}: truncate at the end (Logback's default removes from the start)
     * @param options   the options in braces, unquoted and trimmed; empty for none
     */
    public record Conversion(int position, String word, String written, boolean padRight, int min, int max,
                             boolean keepStart, List<String> options) implements Element {
        /** Option {@code i}, or null. */
        public String option(int i) {
            return i < options.size() ? options.get(i) : null;
        }

        /** Whether a width modifier applies. */
        public boolean formatted() {
            return min > 0 || max != Integer.MAX_VALUE;
        }

        /** {@code %written at position N}, for messages about this conversion. */
        public String where() {
            return "%" + written + " at position " + position;
        }
    }

    /** The canonical conversion words, sorted. */
    public static Set<String> words() {
        return Collections.unmodifiableSet(new TreeSet<>(WORDS.values()));
    }

    /**
     * Splits {@code pattern} into its elements (adjacent literal text joined).
     *
     * @throws IllegalArgumentException one line with the position, e.g.
     *                                  {@code unknown conversion word %foo at position 12}
     */
    public static List<Element> parse(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        List<Element> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalStart = 0;
        int i = 0;
        final int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c != '%') {
                if (literal.length() == 0) {
                    literalStart = i;
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && pattern.charAt(i + 1) == '%') {
                if (literal.length() == 0) {
                    literalStart = i;
                }
                literal.append('%');
                i += 2;
                continue;
            }
            if (literal.length() > 0) {
                out.add(new Literal(literalStart, literal.toString()));
                literal.setLength(0);
            }
            i = conversion(pattern, i, out);
        }
        if (literal.length() > 0) {
            out.add(new Literal(literalStart, literal.toString()));
        }
        return Collections.unmodifiableList(out);
    }

    /** Reads the conversion whose {@code %} is at {@code start}; returns the index after it. */
    private static int conversion(String pattern, int start, List<Element> out) {
        final int n = pattern.length();
        int i = start + 1;
        boolean padRight = false;
        if (i < n && pattern.charAt(i) == '-') {
            padRight = true;
            i++;
        }
        int digits = digits(pattern, i);
        int min = width(pattern, i, digits, start);
        i += digits;
        int max = Integer.MAX_VALUE;
        boolean keepStart = false;
        if (i < n && pattern.charAt(i) == '.') {
            i++;
            if (i < n && pattern.charAt(i) == '-') {
                keepStart = true;
                i++;
            }
            digits = digits(pattern, i);
            if (digits == 0) {
                throw new IllegalArgumentException("missing maximum width after '.' at position " + start);
            }
            max = width(pattern, i, digits, start);
            i += digits;
        }
        int wordStart = i;
        while (i < n && isWordChar(pattern.charAt(i))) {
            i++;
        }
        if (i == wordStart || !Character.isLetter(pattern.charAt(wordStart))) {
            throw new IllegalArgumentException("missing conversion word after % at position " + start);
        }
        String written = pattern.substring(wordStart, i);
        String word = WORDS.get(written);
        if (word == null) {
            throw new IllegalArgumentException("unknown conversion word %" + written + " at position " + start);
        }
        List<String> options = List.of();
        if (i < n && pattern.charAt(i) == '{') {
            options = new ArrayList<>();
            i = options(pattern, i, options, "%" + written + " at position " + start);
            options = Collections.unmodifiableList(options);
        }
        out.add(new Conversion(start, word, written, padRight, min, max, keepStart, options));
        return i;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private static int width(String s, int from, int digits, int position) {
        if (digits == 0) {
            return 0;
        }
        if (digits > MAX_WIDTH_DIGITS) {
            throw new IllegalArgumentException("width " + s.substring(from, from + digits) + " at position "
                    + position + " is too large (at most 9999)");
        }
        return Integer.parseInt(s.substring(from, from + digits));
    }

    /**
     * Reads {@code {a, 'b,c', "d"}} from the brace at {@code open} as Logback does: blanks and
     * commas between options are skipped, a quote opens a quoted option only at its start (a
     * quote inside a raw option is kept, as in {@code HH'h'mm}), a backslash before the quote
     * char inside quotes is that char. Adds the options; returns the index after the brace.
     */
    private static int options(String pattern, int open, List<String> options, String where) {
        final int n = pattern.length();
        StringBuilder option = new StringBuilder();
        boolean raw = false;
        int i = open + 1;
        while (i < n) {
            char c = pattern.charAt(i++);
            if (raw) {
                if (c == ',' || c == '}') {
                    options.add(option.toString().trim());
                    option.setLength(0);
                    raw = false;
                    if (c == '}') {
                        return i;
                    }
                } else {
                    option.append(c);
                }
            } else if (c == '}') {
                return i;
            } else if (c == '\'' || c == '"') {
                while (i < n && pattern.charAt(i) != c) {
                    if (pattern.charAt(i) == '\\' && i + 1 < n && pattern.charAt(i + 1) == c) {
                        i++;
                    }
                    option.append(pattern.charAt(i++));
                }
                if (i == n) {
                    break;
                }
                i++;
                options.add(option.toString());
                option.setLength(0);
            } else if (c != ' ' && c != '\t' && c != ',') {
                option.append(c);
                raw = true;
            }
        }
        throw new IllegalArgumentException("unclosed { after " + where);
    }
}
