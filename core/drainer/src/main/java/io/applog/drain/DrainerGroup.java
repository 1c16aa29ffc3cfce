package io.applog.drain;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drainers of one queue dir, one into each sink, under one lock: each runs in its own thread at
 * its own pace with its own checkpoint (the first's is {@code drainer.checkpoint}, as a lone
 * drainer's; another's is named after its sink's kind, {@code drainer-<kind>.checkpoint}), and
 * the queue dir's files are deleted once every one has checkpointed them ({@link Cursors}).
 * {@code applog ship --logfile} is a topic and a file: while the broker is away the file stays
 * current and the queues keep what the topic has not acknowledged.
 */
public final class DrainerGroup implements AutoCloseable {
    private final List<Drainer> drainers;

    private DrainerGroup(List<Drainer> drainers) {
        this.drainers = drainers;
    }

    /**
     * Takes the queue dir's lock and prepares a drainer into each of {@code sinks}, each resuming
     * from its own checkpoint; the sinks are released if it fails.
     *
     * @throws IOException if another drainer holds the queue dir ({@link Drainer#isBusy}), or the
     *                     queue dir or a sink cannot be used
     */
    public static DrainerGroup open(DrainerOptions options, List<Sink> sinks) throws IOException {
        List<Drainer> opened = new ArrayList<>(sinks.size());
        try {
            DrainerLock lock = DrainerLock.acquire(Drainer.lockable(options.queue()));
            Closeable release = releasedByTheLast(lock, sinks.size());
            Cursors cursors = sinks.size() == 1 ? Cursors.alone() : Cursors.of(sinks.size());
            for (int i = 0; i < sinks.size(); i++) {
                try {
                    opened.add(new Drainer(options, release, sinks.get(i), cursors, i));
                } catch (IOException | RuntimeException e) {
                    for (int unopened = i; unopened < sinks.size(); unopened++) {
                        closeQuietly(release, e);
                    }
                    throw e;
                }
            }
            return new DrainerGroup(List.copyOf(opened));
        } catch (IOException | RuntimeException e) {
            for (Drainer d : opened) {
                closeQuietly(d, e);
            }
            for (int i = opened.size(); i < sinks.size(); i++) {
                Drainer.release(sinks.get(i), e);
            }
            throw e;
        }
    }

    /** The drainer into the {@code i}-th sink. */
    public Drainer get(int i) {
        return drainers.get(i);
    }

    /**
     * Runs every drainer ({@link Drainer#run}), the first in the calling thread, the others in
     * threads of their own, until all have returned; then each forgets the writer queues the
     * last of them deleted, so that no checkpoint names one. One that fails stops the others;
     * its failure is thrown once they have returned.
     */
    public void run() throws IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < drainers.size(); i++) {
            Drainer d = drainers.get(i);
            Thread t = new Thread(() -> runOrStopAll(d, failure), "applog-drainer-" + threads.size());
            t.start();
            threads.add(t);
        }
        runOrStopAll(drainers.get(0), failure);
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    t.interrupt(); // it checkpoints what it flushed and returns at once
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Exception e = failure.get();
        if (e instanceof IOException) {
            throw (IOException) e;
        } else if (e != null) {
            throw (RuntimeException) e;
        }
        if (!interrupted) {
            // a drainer that returned before another deleted a writer queue both had written still names it
            for (Drainer d : drainers) {
                d.retireGone();
            }
        }
    }

    private void runOrStopAll(Drainer d, AtomicReference<Exception> failure) {
        try {
            d.run();
        } catch (IOException | RuntimeException e) {
            if (!failure.compareAndSet(null, e)) {
                failure.get().addSuppressed(e);
            }
            stop();
        }
    }

    /** Asks every drainer to write what is there and return. Any thread. */
    public void stop() {
        for (Drainer d : drainers) {
            d.stop();
        }
    }

    /** Records that could not be read from damaged queue files, by the drainer that read the most. */
    public long unreadable() {
        long n = 0;
        for (Drainer d : drainers) {
            n = Math.max(n, d.unreadable());
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Drainer d : drainers) {
            try {
                d.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes {@code lock} at the {@code users}-th call of the returned closeable's close. */
    private static Closeable releasedByTheLast(DrainerLock lock, int users) {
        AtomicInteger left = new AtomicInteger(users);
        return () -> {
            if (left.decrementAndGet() == 0) {
                lock.close();
            }
        };
    }

    private static void closeQuietly(AutoCloseable c, Exception failure) {
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
