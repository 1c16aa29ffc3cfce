package io.applog.bench.peer;

import io.applog.bench.Jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code applog drain} process ({@code io.applog.cli.Main drain}) started from this JVM's
 * class path, as a deployment runs it: a separate process that merges the queues under a root
 * into a logfile; or one of its Kafka twins, {@link #ship} and {@link #collect}
 * ({@code io.applog.kafka.cli.KafkaMain}). It never exits by itself ({@code --timeout-sec 0});
 * {@link #close()} kills it with SIGKILL, which the drainer survives by design, so a backlog is
 * not drained at teardown.
 */
public final class DrainerChild implements AutoCloseable {
    private static final String KAFKA_MAIN = "io.applog.kafka.cli.KafkaMain";
    private final Process process;
    private final Path output;

    private DrainerChild(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts a drainer of {@code queue} into {@code logfile}; its stdout and stderr go to {@code output}. */
    public static DrainerChild start(Path queue, Path logfile, String format, Path output) throws IOException {
        return start("io.applog.cli.Main", List.of("drain", "--queue", queue.toString(), "--logfile",
                logfile.toString(), "--format", format, "--timeout-sec", "0"), output);
    }

    /** Starts {@code applog ship} of {@code queue} to {@code topic} as host {@code bench}. */
    public static DrainerChild ship(Path queue, String bootstrap, String topic, Path output) throws IOException {
        return start(KAFKA_MAIN, List.of("ship", "--queue", queue.toString(), "--kafka", bootstrap, "--topic", topic,
                "--host", "bench", "--timeout-sec", "0"), output);
    }

    /** Starts {@code applog collect --from-beginning} of {@code topic} into {@code logfile} (text). */
    public static DrainerChild collect(String bootstrap, String topic, Path logfile, Path output) throws IOException {
        return start(KAFKA_MAIN, List.of("collect", "--kafka", bootstrap, "--topic", topic, "--logfile",
                logfile.toString(), "--from-beginning", "--timeout-sec", "0"), output);
    }

    private static DrainerChild start(String main, List<String> args, Path output) throws IOException {
        List<String> cmd = Jvm.command(
                List.of("-XX:+UseSerialGC", "-Xshare:auto", "-D" + Jvm.SLF4J_PROVIDER + "=" + Jvm.APPLOG_PROVIDER),
                main, args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new DrainerChild(p, output);
    }

    public Process process() {
        return process;
    }

    /** Fails with the drainer's own output if it has exited. */
    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(output.getFileName() + ": the process exited with " + process.exitValue() + ": "
                    + Files.readString(output).strip());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
