package io.applog.bench.harness;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The JVM of {@link ColdStartHarness}: {@code <queue root>}. Opens applog, logs one record and
 * says {@code COLD <jvm start> <main entered> <first call returned> <dropped> <open returned>}
 * (epoch millis; the JVM's start time from RuntimeMXBean, read after the record so that it costs
 * the record nothing).
 */
public final class ColdStartChild {
    private ColdStartChild() {
    }

    public static void main(String[] args) {
        long main = System.currentTimeMillis();
        try (Applog applog = Applog.open(ApplogSettings.builder().queue(Path.of(args[0])).process("cold")
                .drainer(ApplogSettings.DrainerMode.NONE).level(Level.INFO).build())) {
            long opened = System.currentTimeMillis();
            applog.logger("bench.Cold").info("first record {}", 1);
            long first = System.currentTimeMillis();
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("COLD " + jvmStart + " " + main + " " + first + " " + applog.dropped() + " " + opened);
            System.out.flush();
        }
    }
}
