package io.applog.it;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Logger;

import java.util.Properties;

/**
 * A writer process that starts its own drainer ({@code applog.drainer=auto}): {@code queue
 * logfile}; other {@code applog.*} system properties apply. Logs three records (one with two
 * lines, one with a throwable), prints the drainer's pid (or -1) and closes.
 */
public final class AutoDrainMain {
    private AutoDrainMain() {
    }

    public static void main(String[] args) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.setProperty(ApplogSettings.QUEUE, args[0]);
        props.setProperty(ApplogSettings.LOGFILE, args[1]);
        props.setProperty(ApplogSettings.PROCESS, "auto");
        props.setProperty(ApplogSettings.DRAINER, "auto");
        props.setProperty(ApplogSettings.TIMEOUT_SEC, "1");
        Applog applog = Applog.open(ApplogSettings.fromProperties(props));
        Logger log = applog.logger("it.auto.Writer");
        log.info("first {}", 1);
        log.warn("two\nlines");
        log.error("failed", new IllegalStateException("boom"));
        Process drainer = io.applog.bridge.ApplogAccess.get().drainerProcess(applog);
        System.out.println(drainer == null ? -1 : drainer.pid());
        applog.close();
    }
}
