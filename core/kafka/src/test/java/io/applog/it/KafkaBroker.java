package io.applog.it;

import io.applog.internal.SecureFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one JVM) started as a
 * child JVM from the Maven artifacts on the test class path ({@code kafka_2.13}), on free ports,
 * with its data in a temporary directory; {@link #close} stops it and deletes the directory.
 * If it cannot start, {@link #start} throws with the broker's own output: a test fails, never
 * skipped. Public, with its test-jar, for the bench ({@code io.applog.bench.harness.KafkaHarness}),
 * which runs the broker from the bench jar ({@link #start(String)}).
 */
public final class KafkaBroker implements AutoCloseable {
    private static final long START_SECONDS = 120;

    private final Path dir;
    private final int port;
    private final Path config;
    private final Path out;
    private final String classPath;
    private volatile Process process;
    private final Thread killer;

    private KafkaBroker(Path dir, int port, Path config, Path out, String classPath) {
        this.dir = dir;
        this.port = port;
        this.config = config;
        this.out = out;
        this.classPath = classPath;
        // a JVM that dies leaves no broker behind
        this.killer = new Thread(() -> {
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
        }, "kafka-broker-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    private static KafkaBroker shared;

    /**
     * One broker for every test class of this JVM that does not stop it (each uses topics of its
     * own): started on first use, stopped and deleted when the JVM exits.
     */
    public static synchronized KafkaBroker shared() throws IOException, InterruptedException {
        if (shared == null) {
            KafkaBroker b = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    b.close();
                } catch (IOException | InterruptedException e) {
                    // the JVM exits: the killer hook has stopped the broker
                }
            }, "kafka-broker-close"));
            shared = b;
        }
        return shared;
    }

    /**
     * Formats a data directory and starts the broker from the test class path (without applog's
     * own classes: the broker logs nowhere); returns once it answers an admin request.
     */
    public static KafkaBroker start() throws IOException, InterruptedException {
        return start(testClassPath());
    }

    /**
     * Like {@link #start()}, with the broker's JVMs on {@code classPath} (which must hold
     * {@code kafka_2.13} and its dependencies), SLF4J's NOP provider named for them.
     */
    public static KafkaBroker start(String classPath) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("applog-kafka-broker");
        int controller = freePort();
        int port = freePort();
        while (port == controller) {
            port = freePort();
        }
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") , StandardCharsets.UTF_8);
        Path out = dir.resolve("broker.out");
        String uuid = run(dir, classPath, "random-uuid", "kafka.tools.StorageTool", "random-uuid").trim();
        run(dir, classPath, "format", "kafka.tools.StorageTool", "format", "-t", uuid, "-c", config.toString());
        KafkaBroker broker = new KafkaBroker(dir, port, config, out, classPath);
        try {
            broker.launch();
        } catch (IOException | RuntimeException | AssertionError | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Starts the broker process on the formatted data dir; returns once it answers. */
    private void launch() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java(classPath, "kafka.Kafka", config.toString()));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        process = pb.start();
        await(out);
    }

    /** Stops the broker process (SIGTERM, 60 s at most), keeping its ports and data for {@link #restart}. */
    public void stop() throws InterruptedException {
        Process p = process;
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the stopped broker again on the same ports and data; returns once it answers. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    /** True while the broker process runs (not after {@link #stop} until {@link #restart}). */
    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** {@code 127.0.0.1:<port>}: the bootstrap servers of clients. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Creates {@code topic} with {@code partitions} partitions. */
    public void createTopic(String topic, int partitions) throws Exception {
        createTopic(topic, partitions, Map.of());
    }

    /** Creates {@code topic} with {@code partitions} partitions and the topic {@code configs}. */
    public void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    private void await(Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with " + process.exitValue() + " at start; its output:\n" + tail(out));
            }
            if (listening()) {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap(),
                        "request.timeout.ms", "10000", "default.api.timeout.ms", "20000"))) {
                    admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not ready yet
                }
            }
            Thread.sleep(200);
        }
        throw new IOException("the Kafka broker did not answer on " + bootstrap() + " within " + START_SECONDS + " s; its output:\n" + tail(out));
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a Kafka tool to its end (60 s at most) and returns its output; throws if it fails. */
    private static String run(Path dir, String classPath, String name, String main, String... args)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".out");
        Process p = new ProcessBuilder(java(classPath, main, args)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("kafka " + name + " did not finish within 60 s; its output:\n" + tail(out));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("kafka " + name + " exited with " + p.exitValue() + "; its output:\n" + text);
        }
        // the tool's own line is the last one (SLF4J may print before it)
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** The test class path without applog's own classes (the broker logs nowhere). */
    private static String testClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "target" + File.separator) && !e.contains("io" + File.separator + "applog"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** A java command on {@code classPath}, SLF4J's NOP provider named (several may be on it). */
    private static List<String> java(String classPath, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-cp", classPath, main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        Process process = this.process;
        if (process == null) {
            SecureFiles.deleteTree(dir);
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        SecureFiles.deleteTree(dir);
    }
}
