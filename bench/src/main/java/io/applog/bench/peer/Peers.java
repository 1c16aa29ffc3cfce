package io.applog.bench.peer;

import io.applog.bench.Jvm;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Creates peers by name and gives them their directories. */
public final class Peers {
    public static final String APPLOG = "applog";
    public static final String APPLOG_NO_DRAINER = "applog-nodrain";
    public static final String APPLOG_SLF4J = "applog-slf4j";
    public static final String CHRONICLE_RAW = "chronicle-raw";
    public static final String LOG4J2_ASYNC = "log4j2-async";
    public static final String LOG4J2_APPLOG = "log4j2-applog";
    public static final String LOGBACK_ASYNC = "logback-async";
    public static final String LOGBACK_PRUDENT = "logback-prudent";
    /** Logback + ApplogAppender: a logback.xml with applog's appender. */
    public static final String LOGBACK_APPLOG = "logback-applog";
    public static final String JUL = "jul";
    /** Log4j2's KafkaAppender, with a broker of its own on this machine (latency only). */
    public static final String LOG4J2_KAFKA = "log4j2-kafka";

    /** Every peer, in the order the results list them. */
    public static final List<String> ALL = List.of(APPLOG, APPLOG_NO_DRAINER, APPLOG_SLF4J,
            CHRONICLE_RAW, LOG4J2_ASYNC, LOG4J2_APPLOG, LOGBACK_ASYNC, LOGBACK_PRUDENT, LOGBACK_APPLOG, JUL,
            LOG4J2_KAFKA);

    private Peers() {
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Peer create(String name) {
        switch (name) {
            case APPLOG: return new ApplogPeer(APPLOG, true);
            case APPLOG_NO_DRAINER: return new ApplogPeer(APPLOG_NO_DRAINER, false);
            case APPLOG_SLF4J: return new ApplogSlf4jPeer();
            case CHRONICLE_RAW: return new ChronicleRawPeer();
            case LOG4J2_ASYNC: return new Log4j2AsyncPeer();
            case LOG4J2_APPLOG: return new Log4j2ApplogPeer();
            case LOGBACK_ASYNC: return new LogbackPeer(LOGBACK_ASYNC, false);
            case LOGBACK_PRUDENT: return new LogbackPeer(LOGBACK_PRUDENT, true);
            case LOGBACK_APPLOG: return new LogbackApplogPeer();
            case JUL: return new JulPeer();
            case LOG4J2_KAFKA: return new Log4j2KafkaPeer();
            default: throw new IllegalArgumentException("peer=" + name + " (expected one of " + ALL + ")");
        }
    }

    /** A fresh directory under java.io.tmpdir for one peer's files. */
    public static Path tempDir(String peer) throws IOException {
        return Files.createTempDirectory("applog-bench-" + peer + "-");
    }

    /**
     * Chooses this JVM's SLF4J provider; must run before anything initialises SLF4J (Chronicle
     * logs through it). Several providers are on the bench jar's class path, so every fork
     * names its own.
     */
    static void useSlf4jProvider(String provider) {
        System.setProperty(Jvm.SLF4J_PROVIDER, provider);
    }

    /** Deletes a directory tree; a missing tree is fine. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
