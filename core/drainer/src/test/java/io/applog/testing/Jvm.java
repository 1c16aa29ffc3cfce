package io.applog.testing;

import io.applog.internal.JvmFlags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one launcher of child JVMs in the tests: the test's own java ({@code java.home}) and class
 * path ({@code java.class.path}), the flags applog needs and a quick start. Start the command
 * through {@link Children}, which captures its output and kills it after the test.
 */
public final class Jvm {
    /** The flags file (module access Chronicle needs on JDK 17, Chronicle kept quiet), then flags for a quick start of a short-lived JVM. */
    public static final List<String> FLAGS;

    static {
        List<String> flags = new ArrayList<>(JvmFlags.ALL);
        flags.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        FLAGS = List.copyOf(flags);
    }

    private Jvm() {
    }

    /** {@code java FLAGS jvmArgs -cp <test class path> main args}. */
    public static List<String> command(Class<?> main, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code java ... io.applog.cli.Main drain --queue queue --logfile logfile extra}. */
    public static List<String> drainer(List<String> jvmArgs, Path queue, Path logfile, String... extra) {
        List<String> args = new ArrayList<>(List.of("drain", "--queue", queue.toString(),
                "--logfile", logfile.toString()));
        args.addAll(List.of(extra));
        return command(io.applog.cli.Main.class, jvmArgs, args.toArray(new String[0]));
    }

    /**
     * The system properties of an application that has applog as its SLF4J provider and logs
     * into {@code queue} as process {@code process}, starting no drainer.
     */
    public static List<String> application(Path queue, String process) {
        return List.of("-Dapplog.queue=" + queue, "-Dapplog.drainer=none", "-Dapplog.process=" + process);
    }
}
