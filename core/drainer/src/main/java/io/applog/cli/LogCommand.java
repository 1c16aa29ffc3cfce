package io.applog.cli;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code applog log}: one record from a shell, like logger(1); with no MESSAGE each line of
 * standard input is one record: its text ({@code --input text}), or a JSON object whose fields
 * fill the record ({@code --input json}, {@link JsonInput}). It never starts a drainer.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Append one record (MESSAGE), or one record per line of standard input,"
                + " to the queue. Never starts a drainer.",
        footer = {"", "--input json: each line is a JSON object with the optional fields time (RFC 3339 string"
                + " or integer epoch nanoseconds), level (TRACE..ERROR, WARNING, CRITICAL, FATAL), logger, thread,"
                + " message (taken literally), exception (stack trace text), mdc (object of strings) and kv"
                + " (object of strings, numbers, booleans or null); missing ones take --level, --logger or"
                + " defaults; unknown fields are ignored; empty lines are skipped. The time is kept when the"
                + " line arrives within 50 ms of it (a live stream), else the time of arrival is used, so that"
                + " the logfile stays in time order. A line that is not such an object becomes a WARN record"
                + " holding the raw line, with one line on stderr: applog log: line N: what is wrong."})
final class LogCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "Queue root directory.")
    Path queue;

    @Option(names = "--level", defaultValue = "INFO", paramLabel = "LEVEL",
            description = "TRACE, DEBUG, INFO, WARN or ERROR. Default: ${DEFAULT-VALUE}.")
    String level;

    @Option(names = "--logger", defaultValue = "shell", paramLabel = "NAME",
            description = "Logger name. Default: ${DEFAULT-VALUE}.")
    String logger;

    @Option(names = "--process", defaultValue = "shell", paramLabel = "NAME",
            description = "Process name shown in the log. Default: ${DEFAULT-VALUE}.")
    String process;

    @Option(names = "--input", defaultValue = "text", paramLabel = "text|json",
            description = "Standard input as text (a record per line) or json (a JSON object per line, see"
                    + " below). Default: ${DEFAULT-VALUE}.")
    String input;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "The message; words are joined by spaces.")
    List<String> message;

    @Override
    public Integer call() throws IOException {
        Level lvl;
        try {
            lvl = Level.parse(level);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--level': " + e.getMessage());
        }
        if (lvl == Level.OFF) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--level': OFF is not a record level");
        }
        final boolean json = json();
        Applog applog = Applog.open(ApplogSettings.builder()
                .queue(queue).process(process).level(Level.TRACE)
                .drainer(ApplogSettings.DrainerMode.NONE).build());
        try {
            Logger log = applog.logger(logger);
            if (message != null && !message.isEmpty()) {
                log.log(lvl, String.join(" ", message), (Object[]) null);
            } else {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8), 1 << 16);
                if (json) {
                    JsonInput.read(in, new JsonInputLine(lvl, logger), applog, System.err);
                } else {
                    for (String line; (line = in.readLine()) != null; ) {
                        log.log(lvl, line, (Object[]) null);
                    }
                }
            }
        } finally {
            applog.close();
        }
        long dropped = applog.dropped();
        if (dropped > 0) {
            System.err.println("applog log: " + dropped + " records could not be written to " + queue);
            return 1;
        }
        return 0;
    }

    /**
     * True for {@code --input json}, false for {@code text}.
     *
     * @throws picocli.CommandLine.ParameterException (exit code 2) for another value, or for json
     *         with a MESSAGE (json is read from standard input only)
     */
    private boolean json() {
        final boolean json;
        switch (input.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "text": json = false; break;
            case "json": json = true; break;
            default:
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--input': " + input + " (expected text or json)");
        }
        if (json && message != null && !message.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--input json reads standard input: no MESSAGE expected");
        }
        return json;
    }
}
