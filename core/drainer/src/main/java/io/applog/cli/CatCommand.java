package io.applog.cli;

import io.applog.Level;
import io.applog.drain.WriterSet;
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
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code applog cat}: prints the records still in the writer queues, merged in timestamp
 * order, without consuming them: a drainer running now or later still gets everything.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print the records in the writer queues under --queue, merged in timestamp"
                + " order, without consuming them (-f keeps following).")
final class CatCommand implements Callable<Integer> {
    private static final long REORDER_NANOS = 100_000_000L;
    private static final long SCAN_NANOS = 200_000_000L;

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "Queue root directory.")
    Path queue;

    @Option(names = {"-f", "--follow"}, description = "Keep following new records and new writers.")
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
            throw new IOException("queue " + queue + " is not a directory");
        }
        Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(512);
        try (WriterSet set = WriterSet.reader(queue)) {
            long nextScan = 0;
            int idle = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= nextScan) {
                    set.scan();
                    nextScan = now + SCAN_NANOS;
                }
                set.fill();
                long releaseBefore = follow ? System.currentTimeMillis() * 1_000_000L - REORDER_NANOS : Long.MAX_VALUE;
                int printed = 0;
                WriterSource next;
                while ((next = set.next(releaseBefore)) != null) {
                    DecodedRecord e = next.head();
                    line.setLength(0);
                    fmt.format(e, line);
                    if (filter.accepts(e, line)) {
                        write(out, line, e.level, colour);
                    }
                    next.consumeHead();
                    set.fill(next);
                    printed++;
                }
                if (!follow) {
                    out.flush();
                    return 0;
                }
                if (printed > 0) {
                    out.flush();
                    idle = 0;
                } else {
                    LockSupport.parkNanos(++idle < 100 ? 1_000_000L : 20_000_000L);
                }
            }
        }
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

    private static void write(Writer out, StringBuilder line, Level level, boolean colour) throws IOException {
        if (!colour) {
            out.append(line);
            return;
        }
        String code = switch (level) {
            case ERROR -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case INFO -> "\u001b[0m";
            default -> "\u001b[2m";
        };
        out.append(code).append(line, 0, line.length() - 1).append("\u001b[0m\n");
    }
}
