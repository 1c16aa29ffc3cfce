package io.applog.bench;

import io.applog.internal.JvmFlags;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    /** The file the build writes beside the bench jar: the class path of {@code kafka_2.13}. */
    static final String BROKER_CLASS_PATH = "kafka-broker.classpath";

    private Jvm() {
    }

    /**
     * What every JVM that maps a Chronicle Queue needs on JDK 17, and Chronicle kept quiet: the
     * flags file of applog ({@link JvmFlags}). JMH forks get them through {@code jvmArgsPrepend}.
     */
    public static List<String> chronicleFlags() {
        return JvmFlags.ALL;
    }

    /**
     * The class path of a Kafka broker ({@code io.applog.it.KafkaBroker#start(String)}): the jars
     * of {@code kafka_2.13} that the build listed in {@code kafka-broker.classpath} beside the bench
     * jar (they are not inside it), then this JVM's class path (kafka-clients and the rest).
     */
    public static String brokerClassPath() throws IOException {
        Path file;
        try {
            Path code = Path.of(Jvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // the bench jar lives in bench/target, its classes in bench/target/classes
            file = code.getParent().resolve(BROKER_CLASS_PATH);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find " + BROKER_CLASS_PATH + " beside the bench's classes: " + e);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("file=" + file + " is missing: build the bench with"
                    + " mvn -B -q -DskipTests -pl bench -am package");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip() + File.pathSeparator
                + System.getProperty("java.class.path");
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
