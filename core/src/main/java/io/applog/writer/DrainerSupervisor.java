package io.applog.writer;

import io.applog.ApplogSettings;
import io.applog.internal.DrainerLockFile;
import io.applog.internal.GaveUpFile;
import io.applog.internal.InternalLog;
import io.applog.internal.ProcessIdentity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Keeps a drainer running for a queue dir in drainer mode {@code auto}: asked on open and on
 * every heartbeat ({@link #check()}), it starts one when none holds the queue dir's lock
 * ({@link DrainerLockFile#held}, which takes no lock) and the one it started last is not still
 * starting. Several writers (in several processes) may start one at the same moment; the lock
 * decides which drains, the others exit quietly, and the new drainer resumes from the
 * checkpoint.
 *
 * <p>A last check is made when the writer closes or its process exits ({@link #checkAndStop()}),
 * so that a drainer that died shortly before still gets a successor to write the last records.
 * A drainer that keeps dying is not started in a loop: once {@value #MAX_STARTS} started
 * within {@value #WINDOW_SECONDS} s are all gone, this process starts no more, says so in one
 * line on stderr and leaves a {@link GaveUpFile} note in the queue dir for {@code applog stats}.
 */
public final class DrainerSupervisor {
    /** Drainers started within {@link #WINDOW_SECONDS} before this process gives up. */
    public static final int MAX_STARTS = 5;
    /** The window {@link #MAX_STARTS} is counted in. */
    public static final int WINDOW_SECONDS = 60;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    private final ApplogSettings settings;
    private final Path root;
    private final String process;
    /** nanoTime of the last {@link #MAX_STARTS} starts, a ring indexed by {@code starts}. */
    private final long[] startedAt = new long[MAX_STARTS];
    private int starts;
    private volatile Process last;
    private volatile boolean stopped;

    private DrainerSupervisor(ApplogSettings settings) {
        this.settings = settings;
        this.root = settings.queue();
        this.process = settings.process();
    }

    /**
     * A supervisor for the settings' queue dir (its drainers get the settings' logfile, format,
     * pattern and timeout; the process name goes into the note left when it gives up) that has
     * made its first {@link #check()}, or null if the drainer's classes are not on the class path
     * (said once on stderr).
     */
    public static DrainerSupervisor start(ApplogSettings settings) {
        if (!DrainerLauncher.available(settings.queue())) {
            return null;
        }
        DrainerSupervisor s = new DrainerSupervisor(settings);
        s.check();
        return s;
    }

    /**
     * Starts a drainer if none runs and the last one this process started is not still
     * starting; gives up instead once {@link #MAX_STARTS} started within the window are gone.
     * Never throws.
     */
    public synchronized void check() {
        if (stopped) {
            return;
        }
        Process previous = last;
        if (previous != null && previous.isAlive() || DrainerLockFile.held(root)) {
            return;
        }
        long now = System.nanoTime();
        if (starts >= MAX_STARTS && now - startedAt[starts % MAX_STARTS] < WINDOW_NANOS) {
            giveUp(previous);
            return;
        }
        startedAt[starts % MAX_STARTS] = now;
        starts++;
        Process started = DrainerLauncher.start(settings);
        if (started != null) {
            last = started;
        }
    }

    /**
     * A last {@link #check()} (so the records of a process that closes or exits just after its
     * drainer died are still written), then no drainer is started any more.
     */
    public synchronized void checkAndStop() {
        check();
        stopped = true;
    }

    /** The drainer process this supervisor started last, or null. */
    public Process last() {
        return last;
    }

    /** How many drainers this supervisor has started. */
    public synchronized int starts() {
        return starts;
    }

    private void giveUp(Process previous) {
        stopped = true;
        String lastExit = previous == null || previous.isAlive() ? "?" : Integer.toString(previous.exitValue());
        ProcessIdentity me = ProcessIdentity.current();
        String noted;
        try {
            GaveUpFile.write(root, new GaveUpFile.Note(Instant.now(), me.pid(), me.startMillis(), MAX_STARTS,
                    WINDOW_SECONDS, lastExit, process));
            noted = "noted in " + root.resolve(GaveUpFile.NAME);
        } catch (IOException | RuntimeException e) {
            noted = "cannot note it in " + root.resolve(GaveUpFile.NAME) + ": " + InternalLog.describe(e);
        }
        InternalLog.warn("the drainer keeps dying, not starting another: " + MAX_STARTS + " started within "
                + WINDOW_SECONDS + " s are gone (queue=" + root + " logfile=" + settings.logfile() + " lastExit=" + lastExit
                + "); records stay in the queue dir until a drainer runs (applog drain --queue " + root
                + " --logfile " + settings.logfile() + "); " + noted);
    }
}
