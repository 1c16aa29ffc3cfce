package io.applog.writer;

import io.applog.OutputFormat;
import io.applog.internal.InternalLog;
import io.applog.internal.JvmFlags;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code applog drain --if-absent} as a separate JVM (same java, same classpath); whether
 * one is needed is {@link DrainerSupervisor}'s decision, and which of several started at once
 * drains is the drainer lock's (the others exit quietly). The drainer's classes are in the
 * artifact {@code applog-drainer}: an application that wants drainer mode {@code auto} has it
 * on its class path. The drainer runs in its own session, so it outlives the application and
 * still writes the last records of one that crashed.
 */
public final class DrainerLauncher {
    private static final String MAIN_CLASS = "io.applog.cli.Main";
    /** In the artifact applog-drainer, which the library does not depend on. */
    private static final String MAIN_CLASS_FILE = MAIN_CLASS.replace('.', '/') + ".class";

    private DrainerLauncher() {
    }

    /**
     * True if the drainer's classes are on the class path; else says so in one line on stderr
     * (once per call: the caller asks once).
     */
    static boolean available(Path root) {
        if (DrainerLauncher.class.getClassLoader().getResource(MAIN_CLASS_FILE) != null) {
            return true;
        }
        InternalLog.warn("drainer mode auto needs io.applog:applog-drainer on the class path; records stay in "
                + root + " until a drainer (applog drain --queue " + root + ") writes them");
        return false;
    }

    /**
     * Starts a drainer that exits quietly if another holds the queue dir. Returns the started
     * process, or null. Never throws: a failure is one line on stderr.
     */
    static Process start(Path root, Path logfile, OutputFormat format, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmFlags.drainer());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.add("drain");
        cmd.add("--queue");
        cmd.add(root.toString());
        cmd.add("--logfile");
        cmd.add(logfile.toString());
        cmd.add("--format");
        cmd.add(format.id());
        cmd.add("--timeout-sec");
        cmd.add(Integer.toString(timeoutSeconds));
        cmd.add("--if-absent");
        try {
            return new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException | RuntimeException e) {
            InternalLog.warn("cannot start a drainer for " + root + ": " + InternalLog.describe(e));
            return null;
        }
    }
}
