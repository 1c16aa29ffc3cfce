package io.applog.cli;

import io.applog.Level;
import io.applog.format.RecordFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@code applog cat} prints and how: follow or not, the record filters and the output
 * format (a picocli mixin). Shared by {@code cat --queue} and by the cat of a Kafka topic
 * ({@code cat --kafka}, module {@code core/kafka}), so both print and filter alike.
 */
public final class CatOptions {
    @Option(names = {"-f", "--follow"}, description = "Keep following new records (and new writers).")
    boolean follow;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only records at this level or above.")
    String level;

    @Option(names = "--logger", paramLabel = "PREFIX", description = "Only loggers named PREFIX or PREFIX.*.")
    String logger;

    @Option(names = "--process", paramLabel = "NAME", description = "Only records of this process name.")
    String process;

    @Option(names = "--grep", paramLabel = "REGEX", description = "Only records whose text matches REGEX.")
    String grep;

    @Option(names = "--since", paramLabel = "TIME", description = "Only records at or after TIME (ISO, or 10m, 2h...).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records before TIME (ISO, or 10m, 2h...).")
    String until;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|otel",
            description = FormatOption.FORMAT_HELP)
    String format;

    @Option(names = "--pattern", paramLabel = "PATTERN", description = FormatOption.PATTERN_HELP)
    String pattern;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Colour by level; auto: when standard output is a terminal. Default: ${DEFAULT-VALUE}.")
    String color;

    /** True with {@code -f}: keep following. */
    public boolean follow() {
        return follow;
    }

    /**
     * The printer these options ask for, writing to {@code out}.
     *
     * @throws CommandLine.ParameterException (exit code 2) naming the option whose value is bad
     */
    public RecordPrinter printer(CommandLine.Model.CommandSpec spec, Writer out) {
        RecordFilter filter = filter(spec);
        RecordFormat fmt = FormatOption.open(spec, format, pattern);
        return new RecordPrinter(out, fmt, filter, colour(spec));
    }

    private RecordFilter filter(CommandLine.Model.CommandSpec spec) {
        Level min = null;
        if (level != null) {
            try {
                min = Level.parse(level);
            } catch (IllegalArgumentException e) {
                throw bad(spec, "--level", e.getMessage());
            }
        }
        Pattern regex = null;
        if (grep != null) {
            try {
                regex = Pattern.compile(grep);
            } catch (PatternSyntaxException e) {
                throw bad(spec, "--grep", "'" + grep + "' is not a regular expression");
            }
        }
        Instant now = Instant.now();
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        try {
            if (since != null) {
                from = TimeArgument.parse(since, now, ZoneId.systemDefault());
            }
        } catch (IllegalArgumentException e) {
            throw bad(spec, "--since", e.getMessage());
        }
        try {
            if (until != null) {
                to = TimeArgument.parse(until, now, ZoneId.systemDefault());
            }
        } catch (IllegalArgumentException e) {
            throw bad(spec, "--until", e.getMessage());
        }
        return new RecordFilter(min, logger, process, regex, from, to);
    }

    private boolean colour(CommandLine.Model.CommandSpec spec) {
        switch (color) {
            case "always": return "text".equals(format);
            case "never": return false;
            case "auto": return "text".equals(format) && System.console() != null;
            default: throw bad(spec, "--color", "'" + color + "' (expected auto, always or never)");
        }
    }

    private static CommandLine.ParameterException bad(CommandLine.Model.CommandSpec spec, String option,
                                                      String message) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + message);
    }
}
