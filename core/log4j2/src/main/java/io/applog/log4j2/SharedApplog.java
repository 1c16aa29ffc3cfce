package io.applog.log4j2;

import io.applog.Applog;
import io.applog.ApplogSettings;

/**
 * The one {@link Applog} of the process as the Applog appenders share it: a process has one
 * writer queue, so every appender (two in one configuration, or the old and the new one while
 * Log4j2 reconfigures, which starts the new appenders before it stops the old) appends to the
 * same instance. The last appender to stop closes it, unless the application had opened it
 * itself before the first appender started (then it is the application's to close).
 */
final class SharedApplog {
    private static Applog shared;
    private static int users;
    private static boolean ownedByApplication;

    private SharedApplog() {
    }

    /**
     * The process's {@link Applog}, opened with {@code settings} unless one is open already
     * (whose settings then apply). Every call is paired with one {@link #release}.
     */
    static synchronized Applog acquire(ApplogSettings settings) {
        if (users == 0 || shared == null || Applog.current() != shared) {
            Applog open = Applog.current();
            ownedByApplication = open != null;
            shared = open != null ? open : Applog.open(settings);
            users = 0;
        }
        users++;
        return shared;
    }

    /** One appender is done with {@code applog}; the last one closes it if the appenders opened it. */
    static synchronized void release(Applog applog) {
        if (applog != shared || users == 0) {
            return;
        }
        if (--users == 0) {
            if (!ownedByApplication) {
                shared.close();
            }
            shared = null;
        }
    }
}
