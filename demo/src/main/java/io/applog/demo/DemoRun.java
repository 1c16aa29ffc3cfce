package io.applog.demo;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.bridge.ApplogAccess;
import io.applog.drain.WriterSet;
import io.applog.internal.DrainerLockFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo in this JVM, which becomes process {@code main}: sets applog's system
 * properties (so this JVM can run only one demo), opens applog in drainer mode {@code auto},
 * runs the sample application and its workers, closes applog, waits for the drainer to stop
 * and prints the summary.
 */
final class DemoRun {
    /** Process name of the launcher's JVM in the log. */
    static final String MAIN_PROCESS = "main";
    private static final long READY_TIMEOUT_SECONDS = 60;
    /** How long past its heartbeat timeout the drainer may take before the demo gives up on it. */
    private static final long DRAINER_GRACE_SECONDS = 30;
    private static final Set<String> DRAINER_FILES = WriterSet.DRAINER_FILES;

    private final DemoOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> problems = new ArrayList<>();

    DemoRun(DemoOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs the demo; 0 if the logfile holds what the run logged, 1 otherwise (said on stderr). */
    int run() throws IOException, InterruptedException {
        final long start = System.nanoTime();
        final Path logfile = options.logfile();
        if (Files.isSymbolicLink(logfile) || Files.isDirectory(logfile)) {
            throw new IOException("logfile " + logfile + " is a symbolic link or a directory");
        }
        final long offset = Files.isRegularFile(logfile, LinkOption.NOFOLLOW_LINKS) ? Files.size(logfile) : 0;
        final Path queue = Files.createTempDirectory("applog-demo-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        configureApplog(queue);
        // the first SLF4J call opens applog; in drainer mode auto that starts the drainer
        SampleApp app = new SampleApp();
        app.startup(options);
        final Applog applog = openedApplog();
        // with --stdout the drainer is started here, once this process's queue is there: a
        // drainer that finds no writer alive for its timeout exits
        final Process drainer = options.stdout()
                ? ChildJvms.startEchoingDrainer(queue, logfile, options.timeoutSeconds())
                : ApplogAccess.get().drainerProcess(applog);
        final String drainerText = drainer == null ? "none started (see stderr)"
                : "pid " + drainer.pid() + (options.stdout() ? ", started by the demo with --stdout"
                : ", started by applog in process main (drainer mode auto)");
        out.printf("applog demo: %d workers x %d messages at %s; logfile %s%n", options.workers(),
                options.messages(), options.level(), logfile);
        out.printf("  queue dir %s, drainer %s%n", queue, drainerText);
        out.flush();
        app.configuration(options, queue.toString(), drainerText);

        WorkerGroup workers = WorkerGroup.start(queue, options, app);
        long readyStart = System.nanoTime();
        int ready = workers.awaitReady(READY_TIMEOUT_SECONDS, out);
        app.workersReady(ready, workers.size(), millisSince(readyStart));
        workers.go();
        app.loadCalibrations(workers.size());
        int died = workers.awaitExit(app, options.crashWorker());
        app.shutdown(workers.size(), died, options.timeoutSeconds());
        // GOODBYE now: otherwise the drainer would wait for this process's heartbeat to stop
        applog.close();
        final long closed = System.nanoTime();

        // the drainer may have been replaced (drainer mode auto restarts one that died)
        final Process last = options.stdout() ? drainer : ApplogAccess.get().drainerProcess(applog);
        final int restarts = options.stdout() ? 0 : Math.max(0, ApplogAccess.get().drainerStarts(applog) - 1);
        int drainerExit = awaitDrainer(last, queue);
        final long stopped = System.nanoTime();
        summary(LogCheck.read(logfile, offset), workers, start);
        if (drainerExit >= 0) {
            out.printf("  %-10s pid %d exited %d, %s s after the last worker exited"
                            + " (%s s after main closed applog; heartbeat timeout %d s)%s%n",
                    "drainer", last.pid(), drainerExit, seconds(stopped - workers.lastExitNanos()),
                    seconds(stopped - closed), options.timeoutSeconds(),
                    restarts == 0 ? "" : "; started " + restarts + (restarts == 1 ? " time" : " times")
                            + " again after the one before died");
        }
        out.printf("  %-10s %s%n", "queue dir", removeIfDone(queue, drainerExit == 0));
        out.printf("  %-10s %s%n", "logfile", logfile);
        out.flush();
        for (String p : problems) {
            err.println("applog demo: " + p);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * Waits for the drainer to exit, and then for any other drainer that holds the queue dir
     * (one the last started gave way to); returns the exit code of the one started here, or -1
     * (a problem) if they did not exit in time.
     */
    private int awaitDrainer(Process drainer, Path queue) throws InterruptedException {
        if (drainer == null) {
            problems.add("no drainer was started for " + queue);
            return -1;
        }
        long limit = options.timeoutSeconds() + DRAINER_GRACE_SECONDS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limit);
        if (!drainer.waitFor(limit, TimeUnit.SECONDS) || !otherDrainerExited(queue, deadline)) {
            problems.add("the drainer (pid " + drainer.pid() + ") has not stopped " + limit
                    + " s after main closed applog");
            return -1;
        }
        if (drainer.exitValue() != 0) {
            problems.add("the drainer exited with code " + drainer.exitValue());
        }
        return drainer.exitValue();
    }

    /** Waits until no process holds the drainer lock of {@code queue}; false at the deadline. */
    private static boolean otherDrainerExited(Path queue, long deadlineNanos) throws InterruptedException {
        DrainerLockFile.Holder holder = DrainerLockFile.holder(queue);
        if (holder == null || !DrainerLockFile.held(queue)) {
            return true;
        }
        java.util.Optional<ProcessHandle> other = ProcessHandle.of(holder.pid());
        if (other.isEmpty()) {
            return true;
        }
        try {
            other.get().onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !other.get().isAlive();
        }
    }

    /** The settings the SLF4J provider reads; set before this process's first log call. */
    private void configureApplog(Path queue) {
        System.setProperty(ApplogSettings.QUEUE, queue.toString());
        System.setProperty(ApplogSettings.PROCESS, MAIN_PROCESS);
        System.setProperty(ApplogSettings.LEVEL, options.level().name());
        System.setProperty(ApplogSettings.LOGFILE, options.logfile().toString());
        System.setProperty(ApplogSettings.TIMEOUT_SEC, Integer.toString(options.timeoutSeconds()));
        System.setProperty(ApplogSettings.DRAINER, options.stdout() ? "none" : "auto");
    }

    /**
     * The {@link Applog} the SLF4J provider opened on the first log call, or, when nothing was
     * logged yet (a high --log-level) or no provider is on the classpath, one opened here with
     * the same settings (system properties).
     */
    private static Applog openedApplog() {
        Applog current = Applog.current();
        return current != null ? current : Applog.open();
    }

    private void summary(LogCheck check, WorkerGroup workers, long start) {
        final Path logfile = options.logfile();
        out.printf("applog demo: done in %s s%n", seconds(System.nanoTime() - start));
        out.printf("  %-10s %7s  %s%n", "process", "records", "check");
        for (Map.Entry<String, Integer> e : check.records().entrySet()) {
            if (!e.getKey().startsWith(WorkerPlan.WORKER_PREFIX)) {
                out.printf("  %-10s %7d%n", e.getKey(), e.getValue());
            }
        }
        for (int i = 1; i <= workers.size(); i++) {
            String name = WorkerPlan.processName(i);
            String result = workerCheck(i, workers.exitCode(i), check.seqs(name));
            out.printf("  %-10s %7d  %s%n", name, check.records(name), result);
        }
        out.printf("  %-10s %d lines written by this run: %d records, %d continuation lines (%d stack frames)%n",
                "lines", check.lines(), check.totalRecords(), check.continuations(), check.stackFrames());
        if (check.outOfOrder() == 0) {
            out.printf("  %-10s timestamps never go backwards%n", "order");
        } else {
            out.printf("  %-10s %d records out of order (earlier than a record above them)%n", "order",
                    check.outOfOrder());
            problems.add(check.outOfOrder() + " records out of timestamp order in " + logfile + ", first:\n  "
                    + check.firstOutOfOrder());
        }
        if (check.malformed() > 0) {
            problems.add(check.malformed() + " lines of " + logfile + " are neither records nor continuations,"
                    + " first: " + check.firstMalformed());
        }
    }

    /** One line on worker {@code index}'s seq numbers; adds a problem if they are not as planned. */
    private String workerCheck(int index, int exitCode, List<Integer> found) {
        final String name = WorkerPlan.processName(index);
        final boolean crashAsked = index == options.crashWorker();
        final boolean crashed = crashAsked && exitCode == WorkerPlan.CRASH_EXIT_CODE;
        if (exitCode != 0 && !crashed) {
            problems.add(name + " exited with code " + exitCode);
        } else if (exitCode == 0 && crashAsked) {
            problems.add(name + " was to crash but exited with code 0");
        }
        final int last = crashed ? WorkerPlan.crashAfter(options.messages()) : options.messages();
        final List<Integer> expected = WorkerPlan.expected(last, options.level());
        final String filter = expected.size() == last ? ""
                : options.level() == Level.OFF ? " (none logged at OFF)"
                : " (" + expected.size() + " at " + options.level() + " or above)";
        if (!found.equals(expected)) {
            String diff = firstDifference(expected, found);
            problems.add(name + ": expected seq=1.." + last + filter + " once each in order, " + diff);
            return "WRONG: " + diff;
        }
        if (crashed) {
            return "crashed (exit " + exitCode + ") after seq=" + last + ": seq=1.." + last + filter
                    + " all there, in order; seq=" + (last + 1) + ".." + options.messages() + " never logged";
        }
        return "seq=1.." + last + filter + " all there, once each, in order (exit " + exitCode + ")";
    }

    private static String firstDifference(List<Integer> expected, List<Integer> found) {
        int n = Math.min(expected.size(), found.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(found.get(i))) {
                return "found seq=" + found.get(i) + " where seq=" + expected.get(i) + " belongs ("
                        + found.size() + " of " + expected.size() + " found)";
            }
        }
        return found.size() < expected.size()
                ? "seq=" + expected.get(found.size()) + " and later are missing (" + found.size() + " of "
                + expected.size() + " found)"
                : "extra seq=" + found.get(expected.size()) + " (" + found.size() + " of " + expected.size() + ")";
    }

    /**
     * Deletes the queue dir once the drainer has exited 0, if nothing but the drainer's own
     * files ({@link WriterSet#DRAINER_FILES}) is left in it: every
     * writer queue was drained and deleted, so there is nothing to resume. Says what happened.
     */
    private static String removeIfDone(Path queue, boolean drainerDone) {
        if (!drainerDone) {
            return queue + " kept (the drainer has not stopped cleanly; its checkpoint may be needed)";
        }
        List<String> names = names(queue);
        if (!DRAINER_FILES.containsAll(names)) {
            return queue + " kept, not empty: " + String.join(", ", names);
        }
        try {
            for (String name : names) {
                Files.delete(queue.resolve(name));
            }
            Files.delete(queue);
            return queue + " removed (every writer queue drained)";
        } catch (IOException e) {
            return queue + " kept: " + e.getMessage();
        }
    }

    private static List<String> names(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            names.add("(cannot list: " + e.getMessage() + ")");
        }
        return names;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
