package io.applog.internal;

import java.util.List;

/** The JVM flags a process that maps Chronicle queues needs (JDK 17), in one place. */
public final class JvmFlags {
    /** Module access Chronicle needs; the CLI jar's manifest carries the same. */
    public static final List<String> MODULE_ACCESS = List.of(
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    /** Chronicle kept quiet and private. */
    public static final List<String> QUIET = List.of(
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true",
            "-Dchronicle.disk.monitor.disable=true");

    private JvmFlags() {
    }

    /** Flags for a child drainer JVM: module access, quiet Chronicle, a small heap. */
    public static List<String> drainer() {
        List<String> flags = new java.util.ArrayList<>(MODULE_ACCESS);
        flags.addAll(QUIET);
        flags.add("-Xmx256m");
        flags.add("-XX:+UseSerialGC");
        flags.add("-Xshare:auto");
        String roll = System.getProperty(Queues.ROLL_CYCLE_PROPERTY);
        if (roll != null) {
            flags.add("-D" + Queues.ROLL_CYCLE_PROPERTY + "=" + roll);
        }
        return flags;
    }
}
