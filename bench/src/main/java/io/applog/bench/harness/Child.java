package io.applog.bench.harness;

import io.applog.bench.Jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the harness: its stdout read line by line, its stdin written to, its stderr
 * kept in a file and shown when it fails.
 */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path err;

    private Child(String name, Process process, Path err) {
        this.name = name;
        this.process = process;
        this.err = err;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Child start(String name, List<String> jvmArgs, Class<?> main, List<String> args, Path dir)
            throws IOException {
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(Jvm.command(jvmArgs, main.getName(), args))
                .redirectError(err.toFile()).start();
        return new Child(name, p, err);
    }

    Process process() {
        return process;
    }

    /** The next line on the child's stdout that starts with {@code prefix}, without the prefix. */
    String expect(String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new IOException(name + " ended without '" + prefix + "' (exit "
                + (process.isAlive() ? "?" : process.exitValue()) + "): " + stderr());
    }

    /** {@link #expect}, the child killed (and this failing) if the line has not come within {@code seconds}. */
    String expect(String prefix, long seconds) throws IOException {
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                process.destroyForcibly();
            } catch (InterruptedException e) {
                // the line came in time
            }
        }, name + "-deadline");
        deadline.setDaemon(true);
        deadline.start();
        try {
            return expect(prefix);
        } finally {
            deadline.interrupt();
        }
    }

    void send(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    String stderr() throws IOException {
        return Files.exists(err) ? Files.readString(err).strip() : "";
    }

    /** Waits for the child to exit; kills it after {@code seconds}. */
    int await(long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IOException(name + " did not exit within " + seconds + " s: " + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
