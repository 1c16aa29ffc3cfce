package io.applog.bench;

import io.applog.internal.JvmFlags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the child JVMs the suite starts (drainers, writers, cold starts): the
 * running JVM's {@code java}, the flags Chronicle Queue needs, and the running JVM's class
 * path, so that a child sees exactly the classes of the bench jar.
 */
public final class Jvm {
    /** The SLF4J provider of applog; the peers' forks name {@link #NOP_PROVIDER} instead. */
    public static final String APPLOG_PROVIDER = "io.applog.slf4j.ApplogServiceProvider";
    public static final String NOP_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";
    public static final String SLF4J_PROVIDER = "slf4j.provider";

    private Jvm() {
    }

    /**
     * What every JVM that maps a Chronicle Queue needs on JDK 17, and Chronicle kept quiet: the
     * flags file of applog ({@link JvmFlags}). JMH forks get them through {@code jvmArgsPrepend}.
     */
    public static List<String> chronicleFlags() {
        return JvmFlags.ALL;
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
