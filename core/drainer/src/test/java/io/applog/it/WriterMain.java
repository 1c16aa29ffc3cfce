package io.applog.it;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Level;
import io.applog.Logger;
import io.applog.internal.Queues;
import io.applog.record.RecordEncoder;
import io.applog.record.RecordLayout;
import io.applog.writer.WriterDirectory;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A writer process for tests: {@code queue process count [pauseEvery pauseMillis]}. Writes
 * {@code count} records "w=<process> seq=<i>" (i from 1), printing "<i>" on stdout after
 * each call returned when the property {@code progress} is set, then closes. With the
 * property {@code holdAfter=N} it stops after call N inside a record of its queue it never
 * finishes (see {@link #holdInsideARecord}), to be killed there. Other {@code applog.*}
 * system properties apply.
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Args a = Args.parse(args);
        Applog applog = open(a.queue(), a.process());
        Logger log = applog.logger("it.Writer");
        final int holdAfter = Integer.getInteger("holdAfter", 0);
        for (int i = 1; i <= a.count(); i++) {
            log.info("w={} seq={}", a.process(), i);
            a.afterCall(i);
            if (i == holdAfter) {
                holdInsideARecord(a.queue());
            }
        }
        System.out.flush();
        applog.close();
    }

    /**
     * Opens this process's own writer queue a second time, begins a LOG record in it (the
     * document acquired, the header written) and never finishes it: prints "holding" and waits
     * to be killed, as a writer killed inside a record would have left it. Exits with 3 if no
     * kill came within a minute.
     */
    static void holdInsideARecord(Path root) throws InterruptedException {
        Path own = null;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                WriterDirectory name = WriterDirectory.parse(dir);
                if (name != null && name.pid() == ProcessHandle.current().pid()) {
                    own = dir;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (own == null) {
            throw new IllegalStateException("no writer directory of pid " + ProcessHandle.current().pid()
                    + " under " + root);
        }
        SingleChronicleQueue queue = Queues.forReading(own, false);
        DocumentContext dc = queue.createAppender().writingDocument();
        new RecordEncoder(queue.rollCycle()).header(dc.wire().bytes(), RecordLayout.KIND_LOG, Level.INFO.code());
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(60_000);
        System.exit(3);
    }

    /**
     * The arguments of a test writer: {@code queue process count [pauseEvery pauseMillis]}, and
     * the property {@code progress}.
     */
    record Args(Path queue, String process, int count, int pauseEvery, long pauseMillis, boolean progress) {
        static Args parse(String[] args) {
            return new Args(Path.of(args[0]), args[1], Integer.parseInt(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 0,
                    args.length > 4 ? Long.parseLong(args[4]) : 0,
                    Boolean.getBoolean("progress"));
        }

        /** After call {@code i} returned: prints it when asked to, pauses when it is time to. */
        void afterCall(int i) throws InterruptedException {
            if (progress) {
                System.out.println(i);
            }
            if (pauseEvery > 0 && i % pauseEvery == 0) {
                Thread.sleep(pauseMillis);
            }
        }
    }

    /**
     * Opens applog on {@code queue} as {@code process}: level TRACE, no drainer unless the
     * system property {@code applog.drainer} asks for one, other {@code applog.*} properties apply.
     */
    static Applog open(Path queue, String process) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.setProperty(ApplogSettings.QUEUE, queue.toString());
        props.setProperty(ApplogSettings.PROCESS, process);
        props.setProperty(ApplogSettings.LEVEL, "TRACE");
        props.putIfAbsent(ApplogSettings.DRAINER, "none");
        return Applog.open(ApplogSettings.fromProperties(props));
    }
}
