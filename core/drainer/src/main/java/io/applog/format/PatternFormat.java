package io.applog.format;

import io.applog.internal.PatternSyntax;
import io.applog.internal.PatternSyntax.Conversion;
import io.applog.internal.PatternSyntax.Element;
import io.applog.internal.PatternSyntax.Literal;
import io.applog.record.DecodedRecord;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * A text line laid out by a Logback-style pattern ({@code --pattern}, {@code applog.pattern}):
 * {@code %d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n}. The pattern is compiled
 * once into {@link PatternToken}s; a record is the tokens rendered one after the other.
 *
 * <p>Whatever the pattern, a record is one line plus continuation lines: every line break
 * inside it ({@code %n} not at the end, a multi-line message, a stack trace) is followed by
 * TAB, so only a record's first line can start with its time; control characters in the
 * record's strings are escaped as in the default line; the record ends with one {@code '\n'}
 * (added if the pattern does not end with {@code %n}). Records take the char path.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class PatternFormat implements RecordFormat {
    private final PatternToken[] tokens;

    private PatternFormat(PatternToken[] tokens) {
        this.tokens = tokens;
    }

    /**
     * Compiles {@code pattern}; times are in {@code zone} unless a {@code %d} names its own.
     *
     * @throws IllegalArgumentException one line with the position in the pattern, e.g.
     *                                  {@code unknown conversion word %foo at position 12}
     */
    public static PatternFormat compile(String pattern, ZoneId zone) {
        List<PatternToken> tokens = new ArrayList<>();
        boolean exception = false;
        for (Element e : PatternSyntax.parse(pattern)) {
            if (e instanceof Literal literal) {
                tokens.add(new PatternTokens.Literal(literal.text()));
                continue;
            }
            Conversion c = (Conversion) e;
            String word = c.word();
            if (word.equals(PatternSyntax.EXCEPTION) || word.equals(PatternSyntax.NO_EXCEPTION)) {
                exception = true;
            }
            PatternToken token = token(c, zone);
            if (token == null) {
                continue;
            }
            boolean formatted = c.formatted() && !word.equals(PatternSyntax.NEWLINE);
            tokens.add(formatted ? new PatternTokens.Formatted(token, c.padRight(), c.min(), c.max(), c.keepStart())
                    : token);
        }
        if (!exception) {
            tokens.add(new ThrowableToken(ThrowableToken.ALL));
        }
        return new PatternFormat(tokens.toArray(new PatternToken[0]));
    }

    /** The token of a conversion, or null for one that writes nothing ({@code %nopex}). */
    private static PatternToken token(Conversion c, ZoneId zone) {
        switch (c.word()) {
            case PatternSyntax.DATE:
                return date(c, zone);
            case PatternSyntax.LOGGER:
                return new LoggerToken(c.options().isEmpty() ? LoggerToken.FULL : number(c, "a length, 0 or more"));
            case PatternSyntax.EXCEPTION:
                return new ThrowableToken(frames(c));
            case PatternSyntax.MDC:
                return mdc(c);
            case PatternSyntax.KEY_VALUES:
                return new PatternTokens.KeyValues(quote(c));
            default:
                break;
        }
        if (!c.options().isEmpty()) {
            throw new IllegalArgumentException(c.where() + " takes no options");
        }
        switch (c.word()) {
            case PatternSyntax.LEVEL: return new PatternTokens.LevelName();
            case PatternSyntax.PROCESS: return new PatternTokens.Process();
            case PatternSyntax.PID: return new PatternTokens.Pid();
            case PatternSyntax.HOST: return new PatternTokens.Host();
            case PatternSyntax.THREAD: return new PatternTokens.ThreadName();
            case PatternSyntax.MESSAGE: return new PatternTokens.Message();
            case PatternSyntax.MARKER: return new PatternTokens.Marker();
            case PatternSyntax.NEWLINE: return new PatternTokens.Newline();
            case PatternSyntax.NO_EXCEPTION: return null;
            default: throw new IllegalStateException("no token for %" + c.word());
        }
    }

    private static PatternToken date(Conversion c, ZoneId zone) {
        if (c.options().size() > 3) {
            throw new IllegalArgumentException(c.where() + " takes a pattern, a time zone and a locale at most");
        }
        ZoneId z = zone;
        if (c.option(1) != null) {
            try {
                z = ZoneId.of(c.option(1));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + c.option(1) + "' of " + c.where());
            }
        }
        Locale locale = Locale.ROOT;
        if (c.option(2) != null) {
            try {
                locale = new Locale.Builder().setLanguageTag(c.option(2)).build();
            } catch (IllformedLocaleException e) {
                throw new IllegalArgumentException("bad locale '" + c.option(2) + "' of " + c.where());
            }
        }
        try {
            return new DateToken(c.option(0), z, locale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad date pattern '" + c.option(0) + "' of " + c.where()
                    + ": " + e.getMessage());
        }
    }

    private static PatternToken mdc(Conversion c) {
        String option = c.option(0);
        if (c.options().size() > 1) {
            throw new IllegalArgumentException(c.where() + " takes one key at most");
        }
        if (option == null || option.isEmpty()) {
            return new PatternTokens.Mdc(null, "");
        }
        int fallback = option.indexOf(":-");
        return fallback < 0 ? new PatternTokens.Mdc(option, "")
                : new PatternTokens.Mdc(option.substring(0, fallback), option.substring(fallback + 2));
    }

    private static int frames(Conversion c) {
        String option = c.option(0);
        if (option == null || option.equalsIgnoreCase("full")) {
            return ThrowableToken.ALL;
        }
        if (option.equalsIgnoreCase("short")) {
            return 1;
        }
        return number(c, "full, short or a number of frames");
    }

    private static char quote(Conversion c) {
        String option = c.option(0);
        if (option == null || option.equalsIgnoreCase("DOUBLE")) {
            return '"';
        }
        if (option.equalsIgnoreCase("SINGLE")) {
            return '\'';
        }
        if (option.equalsIgnoreCase("NONE")) {
            return 0;
        }
        throw new IllegalArgumentException("bad option '" + option + "' of " + c.where()
                + " (expected DOUBLE, SINGLE or NONE)");
    }

    /** The first option as a whole number from 0 to 9999. */
    private static int number(Conversion c, String expected) {
        String option = c.option(0);
        if (c.options().size() == 1 && option.matches("[0-9]{1,4}")) {
            return Integer.parseInt(option);
        }
        throw new IllegalArgumentException("bad option '" + String.join(", ", c.options()) + "' of " + c.where()
                + " (expected " + expected + ")");
    }

    @Override
    public void format(DecodedRecord event, StringBuilder out) {
        event.decodePlain();
        final int start = out.length();
        for (PatternToken token : tokens) {
            token.render(event, out);
        }
        // every further line of the record starts with TAB: after a %n the pattern put inside,
        // or a line break left at the end of a truncated field
        for (int i = start; i < out.length() - 1; i++) {
            if (out.charAt(i) == '\n' && out.charAt(i + 1) != '\t') {
                out.insert(i + 1, '\t');
            }
        }
        if (out.length() == start || out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
