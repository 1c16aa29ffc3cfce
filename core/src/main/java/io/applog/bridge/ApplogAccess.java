package io.applog.bridge;

import io.applog.Applog;
import io.applog.record.MutableRecord;

/**
 * Not API: what applog's own front ends (the SLF4J provider, the JUL handler) and tools need
 * of an {@link Applog} beyond its public methods. {@link Applog} installs the one
 * implementation when its class initialises; applications use {@link Applog} and
 * {@link io.applog.Logger} instead.
 */
public abstract class ApplogAccess {
    private static volatile ApplogAccess installed;

    /** For {@link Applog}'s own implementation only. */
    protected ApplogAccess() {
    }

    /**
     * Called once, by {@link Applog}'s class initialiser.
     *
     * @throws IllegalStateException if an implementation is installed already
     */
    public static synchronized void install(ApplogAccess access) {
        if (installed != null) {
            throw new IllegalStateException("ApplogAccess is installed already");
        }
        installed = access;
    }

    /** The implementation {@link Applog} installed (initialising that class if needed). */
    public static ApplogAccess get() {
        ApplogAccess access = installed;
        if (access == null) {
            try {
                Class.forName(Applog.class.getName(), true, Applog.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = installed;
        }
        return access;
    }

    /**
     * Appends {@code record} to {@code applog}'s queue and resets it; the level check is the
     * caller's. Never throws: a record that cannot be written is dropped and counted.
     */
    public abstract void append(Applog applog, MutableRecord record);

    /**
     * True while the calling thread is opening an {@link Applog}: a front end then drops the
     * record (a library that logs while the queue is being built must not open a second one).
     */
    public abstract boolean isOpeningOnThisThread();

    /** The drainer process {@code applog} started last (drainer mode {@code auto}), or null. */
    public abstract Process drainerProcess(Applog applog);

    /** How many drainer processes {@code applog} has started (drainer mode {@code auto}). */
    public abstract int drainerStarts(Applog applog);
}
