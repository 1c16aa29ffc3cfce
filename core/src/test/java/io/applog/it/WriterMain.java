package io.applog.it;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Logger;

import java.nio.file.Path;
import java.util.Properties;

/**
 * A writer process for tests: {@code queue process count [pauseEvery pauseMillis]}. Writes
 * {@code count} records "w=<process> seq=<i>" (i from 1), printing "<i>" on stdout after
 * each call returned when the property {@code progress} is set, then closes. Other
 * {@code applog.*} system properties apply.
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path queue = Path.of(args[0]);
        String process = args[1];
        int count = Integer.parseInt(args[2]);
        int pauseEvery = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long pauseMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
        boolean progress = Boolean.getBoolean("progress");
        Applog applog = open(queue, process);
        Logger log = applog.logger("it.Writer");
        for (int i = 1; i <= count; i++) {
            log.info("w={} seq={}", process, i);
            if (progress) {
                System.out.println(i);
            }
            if (pauseEvery > 0 && i % pauseEvery == 0) {
                Thread.sleep(pauseMillis);
            }
        }
        if (progress) {
            System.out.flush();
        }
        applog.close();
    }

    /** Opens applog on {@code queue} as {@code process}: level TRACE, no drainer, other {@code applog.*} properties apply. */
    static Applog open(Path queue, String process) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.setProperty(ApplogSettings.QUEUE, queue.toString());
        props.setProperty(ApplogSettings.PROCESS, process);
        props.setProperty(ApplogSettings.LEVEL, "TRACE");
        props.setProperty(ApplogSettings.DRAINER, "none");
        return Applog.open(ApplogSettings.fromProperties(props));
    }
}
