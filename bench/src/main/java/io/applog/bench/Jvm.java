package io.applog.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the child JVMs the suite starts (drainers, writers, cold starts): the
 * running JVM's {@code java}, the flags Chronicle Queue needs, and the running JVM's class
 * path, so that a child sees exactly the classes of the bench jar.
 */
public final class Jvm {
    /** What every JVM that maps a Chronicle Queue needs on JDK 17, and Chronicle kept quiet. */
    public static final String ADD_EXPORTS_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String ADD_OPENS_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String ADD_EXPORTS_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    public static final String NO_ANNOUNCER = "-Dchronicle.announcer.disable=true";
    public static final String NO_DISK_MONITOR = "-Dchronicle.disk.monitor.disable=true";
    /** The SLF4J provider of applog; the peers' forks name {@link #NOP_PROVIDER} instead. */
    public static final String APPLOG_PROVIDER = "io.applog.slf4j.ApplogServiceProvider";
    public static final String NOP_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";
    public static final String SLF4J_PROVIDER = "slf4j.provider";

    private Jvm() {
    }

    /** The Chronicle flags as a list. */
    public static List<String> chronicleFlags() {
        return List.of(ADD_EXPORTS_NIO, ADD_OPENS_REFLECT, ADD_EXPORTS_REF,
                NO_ANALYTICS, NO_ANNOUNCER, NO_DISK_MONITOR);
    }

    /** {@code java <chronicle flags> <jvmArgs> -cp <this class path> <main> <args>}. */
    public static List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(chronicleFlags());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
