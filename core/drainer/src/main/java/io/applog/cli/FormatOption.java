package io.applog.cli;

import io.applog.OutputFormat;
import io.applog.format.RecordFormat;
import picocli.CommandLine;

import java.time.ZoneId;

/** The {@code --format} and {@code --pattern} options of {@code drain} and {@code cat}, checked at start-up. */
final class FormatOption {
    /** Help text of {@code --pattern} (picocli reads {@code %%} as {@code %}). */
    static final String PATTERN_HELP = "Text line as a Logback-style pattern, e.g."
            + " '%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{20} - %%msg%%n'. Default: the standard line.";
    static final String FORMAT_HELP = "text, json (JSON Lines) or otel (OTLP/JSON). Default: ${DEFAULT-VALUE}.";

    private FormatOption() {
    }

    /**
     * The format the options name, with local times.
     *
     * @throws CommandLine.ParameterException (exit code 2) {@code Invalid value for option
     *         '--format': xml (expected text, json or otel)} or {@code --pattern: unknown
     *         conversion word %foo at position 12}
     */
    static RecordFormat open(CommandLine.Model.CommandSpec spec, String format, String pattern) {
        OutputFormat parsed;
        try {
            parsed = OutputFormat.parse("--format", format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--format': "
                    + format + " (expected " + OutputFormat.expected() + ")");
        }
        try {
            return RecordFormat.of(parsed.id(), pattern, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pattern: " + e.getMessage());
        }
    }
}
