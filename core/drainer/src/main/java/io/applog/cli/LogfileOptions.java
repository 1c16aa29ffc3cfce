package io.applog.cli;

import io.applog.drain.DrainerOptions;
import io.applog.drain.Rotation;
import io.applog.drain.Sink;
import io.applog.internal.InternalLog;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.nio.file.Path;

/**
 * The logfile options of {@code applog drain}, {@code applog ship --logfile} and
 * {@code applog collect} (a picocli mixin): the file, its line format, echo to standard output
 * and rotation.
 */
public final class LogfileOptions {
    @Option(names = "--logfile", paramLabel = "FILE", description = "File to write.")
    Path logfile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|otel",
            description = "Line format: " + FormatOption.FORMAT_HELP)
    String format;

    @Option(names = "--pattern", paramLabel = "PATTERN", description = FormatOption.PATTERN_HELP)
    String pattern;

    @Option(names = "--stdout", description = "Also write every line to standard output.")
    boolean stdout;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Rotate the logfile when it reaches SIZE (e.g. 10MB): FILE.1 is the newest old file.")
    String maxSize;

    @Option(names = "--rotate", paramLabel = "daily|hourly",
            description = "Rotate the logfile when the local day or hour changes.")
    String rotate;

    @Option(names = "--keep", defaultValue = "5", paramLabel = "N",
            description = "Rotated files kept (FILE.1 .. FILE.N). Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--gzip", description = "Compress rotated files (FILE.1.gz ...).")
    boolean gzip;

    /** The file to write; null if not given. */
    public Path logfile() {
        return logfile;
    }

    /**
     * The drainer's options for {@code queue} into the logfile, checked: a bad format, pattern,
     * size or period is one usage error (exit code 2). {@code queue} is null for a logfile
     * written from elsewhere ({@code applog collect}).
     *
     * @throws CommandLine.ParameterException {@code Missing required option: '--logfile=FILE'}
     *         if no logfile is given, or a bad value
     */
    public DrainerOptions drainerOptions(CommandLine.Model.CommandSpec spec, Path queue, int timeoutSec,
                                         long reorderMs) {
        if (logfile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--logfile=FILE'");
        }
        FormatOption.open(spec, format, pattern);
        try {
            return new DrainerOptions(queue, logfile, format, timeoutSec, stdout, reorderMs, rotation(spec), pattern);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Rotation rotation(CommandLine.Model.CommandSpec spec) {
        long bytes = 0;
        if (maxSize != null) {
            try {
                bytes = Rotation.parseSize(maxSize);
            } catch (IllegalArgumentException e) {
                throw usage(spec, "Invalid value for option '--max-size': " + e.getMessage());
            }
        }
        Rotation.Period period = Rotation.Period.NONE;
        if (rotate != null) {
            switch (rotate) {
                case "daily": period = Rotation.Period.DAILY; break;
                case "hourly": period = Rotation.Period.HOURLY; break;
                default: throw usage(spec, "Invalid value for option '--rotate': " + rotate
                        + " (expected daily or hourly)");
            }
        }
        if (keep < 1 || keep > 1000) {
            throw usage(spec, "Invalid value for option '--keep': " + keep + " (expected 1..1000)");
        }
        return new Rotation(bytes, period, keep, gzip);
    }

    private static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * SIGHUP reopens the logfile by name (logrotate's {@code create} mode: rename, then
     * {@code kill -HUP} in {@code postrotate}) instead of ending the JVM (exit 129): SIGHUP runs
     * {@code reopen}, a sink's {@link Sink#reopen} (which any thread may call). A JVM that
     * reserves the signal (-Xrs) keeps its own handling; the sink notices a renamed logfile by
     * itself anyway.
     */
    public static void reopenOnHangup(Runnable reopen) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reopen.run());
        } catch (IllegalArgumentException e) {
            InternalLog.warn("SIGHUP will not reopen the logfile: " + InternalLog.describe(e));
        }
    }
}
