package io.applog.cli;

import io.applog.Level;
import io.applog.drain.Tail;
import io.applog.drain.WriterSource;
import io.applog.format.RecordFormat;
import io.applog.record.DecodedRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code applog cat}: prints the records still in the writer queues, merged in timestamp
 * order by the drainer's own tail loop ({@link Tail}), without changing them: a drainer
 * running now or later still writes everything.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print the records in the writer queues under --queue, merged in timestamp"
                + " order, without changing them: a drainer still writes them all (-f keeps following).")
final class CatCommand implements Callable<Integer> {
    private static final long REORDER_NANOS = 100_000_000L;
    private static final long MAX_PARK_NANOS = 20_000_000L;

    @Option(names = "--queue", required = true, paramLabel = "DIR",
            description = "Queue dir: the directory holding each process's writer queue.")
    Path queue;

    @Option(names = {"-f", "--follow"}, description = "Keep following new records and new writer queues.")
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RecordFilter filter = filter();
        RecordFormat fmt = FormatOption.open(spec, format, pattern);
        boolean colour = colour();
        if (!Files.isDirectory(queue, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("queue dir " + queue + " is not a directory");
        }
        Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        Printer printer = new Printer(out, fmt, filter, colour);
        try (Tail tail = Tail.reader(queue)) {
            Tail.run(() -> print(tail, printer, out), () -> !follow, MAX_PARK_NANOS);
        }
        out.flush();
        return 0;
    }

    /** One pass: every record that may go now (all of them without -f), printed and flushed. */
    private int print(Tail tail, Printer printer, Writer out) throws IOException {
        tail.findWriters(System.nanoTime());
        long releaseBefore = follow ? System.currentTimeMillis() * 1_000_000L - REORDER_NANOS : Long.MAX_VALUE;
        int printed = tail.handOn(releaseBefore, Integer.MAX_VALUE, printer);
        if (printed > 0) {
            out.flush();
        }
        return printed;
    }

    private RecordFilter filter() {
        Level min = null;
        if (level != null) {
            try {
                min = Level.parse(level);
            } catch (IllegalArgumentException e) {
                throw bad("--level", e.getMessage());
            }
        }
        Pattern regex = null;
        if (grep != null) {
            try {
                regex = Pattern.compile(grep);
            } catch (PatternSyntaxException e) {
                throw bad("--grep", "'" + grep + "' is not a regular expression");
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
            throw bad("--since", e.getMessage());
        }
        try {
            if (until != null) {
                to = TimeArgument.parse(until, now, ZoneId.systemDefault());
            }
        } catch (IllegalArgumentException e) {
            throw bad("--until", e.getMessage());
        }
        return new RecordFilter(min, logger, process, regex, from, to);
    }

    private boolean colour() {
        switch (color) {
            case "always": return "text".equals(format);
            case "never": return false;
            case "auto": return "text".equals(format) && System.console() != null;
            default: throw bad("--color", "'" + color + "' (expected auto, always or never)");
        }
    }

    private CommandLine.ParameterException bad(String option, String message) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + message);
    }

    /** Formats each record, and prints it if the filter accepts it, coloured by level if asked. */
    private static final class Printer implements Tail.Handler {
        private final Writer out;
        private final RecordFormat format;
        private final RecordFilter filter;
        private final boolean colour;
        private final StringBuilder line = new StringBuilder(512);

        Printer(Writer out, RecordFormat format, RecordFilter filter, boolean colour) {
            this.out = out;
            this.format = format;
            this.filter = filter;
            this.colour = colour;
        }

        @Override
        public void handle(WriterSource from, DecodedRecord record) throws IOException {
            line.setLength(0);
            format.format(record, line);
            if (!filter.accepts(record, line)) {
                return;
            }
            if (!colour) {
                out.append(line);
                return;
            }
            String code = switch (record.level) {
                case ERROR -> "\u001b[31m";
                case WARN -> "\u001b[33m";
                case INFO -> "\u001b[0m";
                default -> "\u001b[2m";
            };
            out.append(code).append(line, 0, line.length() - 1).append("\u001b[0m\n");
        }
    }
}
