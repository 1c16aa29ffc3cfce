package io.applog.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker JVMs of one run: started together, released together once all are ready (so
 * that their records interleave), then waited for. Each worker's exit code and the moment the
 * last one exited are kept for the summary.
 */
final class WorkerGroup {
    private final List<Process> processes = new ArrayList<>();
    private final List<Long> startedNanos = new ArrayList<>();
    private final int[] exitCodes;
    private long lastExitNanos;

    private WorkerGroup(int size) {
        this.exitCodes = new int[size];
    }

    /** Starts {@code worker-1} .. {@code worker-N}; tells {@code app} about each. */
    static WorkerGroup start(Path queue, DemoOptions options, SampleApp app) throws IOException {
        WorkerGroup group = new WorkerGroup(options.workers());
        for (int i = 1; i <= options.workers(); i++) {
            group.startedNanos.add(System.nanoTime());
            Process p = ChildJvms.startWorker(queue, i, options.messages(), options.crashAfter(i), options.level());
            group.processes.add(p);
            app.workerStarted(i, p.pid());
        }
        return group;
    }

    int size() {
        return processes.size();
    }

    /**
     * Waits until every worker has printed {@link WorkerMain#READY} (or died), at most
     * {@code timeoutSeconds}; anything else a worker prints goes to {@code out}. Returns how
     * many are ready.
     */
    int awaitReady(long timeoutSeconds, PrintStream out) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(processes.size());
        AtomicInteger ready = new AtomicInteger();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            Thread reader = new Thread(() -> readStdout(p, ready, done, out),
                    WorkerPlan.processName(i + 1) + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }
        done.await(timeoutSeconds, TimeUnit.SECONDS);
        return ready.get();
    }

    private static void readStdout(Process p, AtomicInteger ready, CountDownLatch done, PrintStream out) {
        boolean counted = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!counted && WorkerMain.READY.equals(line)) {
                    ready.incrementAndGet();
                    counted = true;
                    done.countDown();
                } else {
                    out.println(line);
                }
            }
        } catch (IOException e) {
            // the worker is gone; its exit code tells what happened
        } finally {
            if (!counted) {
                done.countDown();
            }
        }
    }

    /** Lets every worker start its loop (one line on its stdin, then end of input). */
    void go() {
        for (Process p : processes) {
            try (OutputStream in = p.getOutputStream()) {
                in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the worker is gone already; its exit code tells what happened
            }
        }
    }

    /** Waits for every worker to exit; tells {@code app} about each. Returns how many failed. */
    int awaitExit(SampleApp app, int crashWorker) throws InterruptedException {
        int died = 0;
        for (int i = 0; i < processes.size(); i++) {
            exitCodes[i] = processes.get(i).waitFor();
            lastExitNanos = System.nanoTime();
            if (exitCodes[i] != 0) {
                died++;
            }
            app.workerExited(i + 1, exitCodes[i], (lastExitNanos - startedNanos.get(i)) / 1_000_000,
                    i + 1 == crashWorker);
        }
        return died;
    }

    /** Exit code of worker {@code index} (1..N), after {@link #awaitExit}. */
    int exitCode(int index) {
        return exitCodes[index - 1];
    }

    /** {@code System.nanoTime()} when the last worker was seen to exit. */
    long lastExitNanos() {
        return lastExitNanos;
    }
}
