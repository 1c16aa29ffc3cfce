package io.applog.writer;

import io.applog.ApplogSettings;
import io.applog.internal.ClassDataArchive;
import io.applog.internal.InternalLog;
import io.applog.internal.JvmFlags;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
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
 *
 * <p>The drainer starts from a class-data archive of the application's class path when there is
 * one beside the applog-drainer jar ({@link ClassDataArchive#directoryBeside}); when there is
 * none, the drainer starts without it and a training run makes it in the background for the
 * next start. Beside the jar, not in the queue dir: the drainer reads every entry of the queue
 * dir as a writer queue, an archive there would be made again for every new queue dir, and one
 * beside the jar serves every queue dir of the application. Where the jar's directory does not
 * qualify (a jar under $HOME, as in ~/.m2, or a directory this user cannot write) the drainer
 * runs without an archive.
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
     * Starts a drainer for the settings' queue dir, logfile, format, pattern and timeout that
     * exits quietly if another holds the queue dir. Returns the started process, or null. Never
     * throws: a failure is one line on stderr (a pattern the drainer refuses is its one line on
     * the inherited stderr).
     */
    static Process start(ApplogSettings settings) {
        final Path root = settings.queue();
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> flags = JvmFlags.drainer();
        String classPath = System.getProperty("java.class.path");
        ClassDataArchive archive = archive(classPath, flags);
        cmd.addAll(flags);
        if (archive != null) {
            cmd.addAll(archive.runFlags());
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(MAIN_CLASS);
        cmd.add("drain");
        cmd.add("--queue");
        cmd.add(root.toString());
        cmd.add("--logfile");
        cmd.add(settings.logfile().toString());
        cmd.add("--format");
        cmd.add(settings.format().id());
        if (settings.pattern() != null) {
            cmd.add("--pattern=" + settings.pattern()); // one argument, whatever the pattern starts with
        }
        cmd.add("--timeout-sec");
        cmd.add(Integer.toString(settings.timeoutSeconds()));
        cmd.add("--if-absent");
        Process drainer;
        try {
            drainer = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException | RuntimeException e) {
            InternalLog.warn("cannot start a drainer for " + root + ": " + InternalLog.describe(e));
            return null;
        }
        if (archive != null) {
            archive.createInBackground();
        }
        return drainer;
    }

    /** The drainer's archive beside the applog-drainer jar, or null where it cannot be kept. */
    static ClassDataArchive archive(String classPath, List<String> flags) {
        Path jar = jarOf(DrainerLauncher.class.getClassLoader().getResource(MAIN_CLASS_FILE));
        Path dir = jar == null ? null : ClassDataArchive.directoryBeside(jar);
        if (dir == null) {
            return null;
        }
        String name = jar.getFileName().toString();
        String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        return ClassDataArchive.of(dir, base, classPath, flags);
    }

    /** The jar file a class was found in ({@code jar:file:/x.jar!/a/B.class}), or null. */
    private static Path jarOf(URL resource) {
        if (resource == null || !"jar".equals(resource.getProtocol())) {
            return null;
        }
        String spec = resource.getPath();
        int bang = spec.indexOf("!/");
        if (bang < 0) {
            return null;
        }
        try {
            return Path.of(new URL(spec.substring(0, bang)).toURI());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
