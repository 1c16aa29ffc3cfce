package io.applog.cli;

import io.applog.Level;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code applog log} read without picocli, when they are plain: the options
 * {@code --queue}, {@code --level}, {@code --logger} and {@code --process} (each at most once,
 * as {@code --name value} or {@code --name=value}), message words, and {@code --} before words
 * that start with a dash. Picocli builds its model of every command by reflection before it
 * parses anything; that was a third of a one-record {@code applog log} call, and its classes
 * (compiled for Java 5) cannot go into a class-data archive. Anything else (help, version, an
 * argument file, another option such as {@code --input}, a repeated option, a missing value or
 * one that starts with a dash, an invalid level or path) is left to picocli, which then parses
 * and reports it as before.
 */
final class PlainLogArguments {
    private PlainLogArguments() {
    }

    /**
     * A {@link LogCommand} set up as picocli would set it up for {@code args}, or null when the
     * arguments are not plain (picocli must handle them).
     */
    static LogCommand parse(String... args) {
        if (args.length == 0 || !"log".equals(args[0])) {
            return null;
        }
        String queue = null;
        String level = null;
        String logger = null;
        String process = null;
        List<String> message = null;
        boolean onlyWords = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) {
                return null; // picocli reads argument files
            }
            if (onlyWords || !arg.startsWith("-")) {
                if (message == null) {
                    message = new ArrayList<>();
                }
                message.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyWords = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            switch (name) {
                case "--queue":
                    if (queue != null) {
                        return null;
                    }
                    queue = value;
                    break;
                case "--level":
                    if (level != null) {
                        return null;
                    }
                    level = value;
                    break;
                case "--logger":
                    if (logger != null) {
                        return null;
                    }
                    logger = value;
                    break;
                case "--process":
                    if (process != null) {
                        return null;
                    }
                    process = value;
                    break;
                default:
                    return null;
            }
        }
        return command(queue, level, logger, process, message);
    }

    private static LogCommand command(String queue, String level, String logger, String process,
                                      List<String> message) {
        if (queue == null) {
            return null; // picocli: "Missing required option: '--queue=DIR'"
        }
        LogCommand cmd = new LogCommand();
        try {
            cmd.queue = Path.of(queue);
        } catch (InvalidPathException e) {
            return null;
        }
        cmd.level = level == null ? "INFO" : level;
        try {
            if (Level.parse(cmd.level) == Level.OFF) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        cmd.logger = logger == null ? "shell" : logger;
        cmd.process = process == null ? "shell" : process;
        cmd.input = "text"; // --input is picocli's
        cmd.message = message;
        return cmd;
    }

    /** Runs the command with picocli's outcome: its exit code, or 1 and one line on stderr. */
    static int run(LogCommand cmd) {
        try {
            return cmd.call();
        } catch (Exception e) {
            System.err.println("applog log: " + Main.describe(e));
            System.err.flush();
            return 1;
        }
    }
}
