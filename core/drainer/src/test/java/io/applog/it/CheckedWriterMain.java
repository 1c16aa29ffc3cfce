package io.applog.it;

import io.applog.Applog;
import io.applog.Logger;
import io.applog.testing.Children;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A writer process of {@link CheckedRecords}: {@code queue process count [pauseEvery pauseMillis]}.
 * Logs records 1..count (fewer if the file named by the property {@code stopFile} appears; it is
 * looked for every 100 records), then prints "done N" and, after {@code lingerMillis} (heartbeats
 * go on meanwhile), closes. With the property {@code progress} set it prints "i" on stdout after
 * call i returned. {@code payloadChars} fixes the payload length (default: varying). With
 * {@code callTimes} set it times every call and prints
 * {@code calls N p50 A p99 B p99.9 C max D ns} before "done N" (a report, asserted by no test).
 * Other {@code applog.*} system properties apply.
 */
public final class CheckedWriterMain {
    private CheckedWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WriterMain.Args a = WriterMain.Args.parse(args);
        int payloadChars = Integer.getInteger("payloadChars", CheckedRecords.VARYING);
        String stop = System.getProperty("stopFile");
        Path stopFile = stop == null ? null : Path.of(stop);
        Applog applog = WriterMain.open(a.queue(), a.process());
        Logger log = applog.logger("it.Checked");
        long[] callNanos = Boolean.getBoolean("callTimes") ? new long[a.count()] : null;
        int written = 0;
        for (int i = 1; i <= a.count(); i++) {
            if (stopFile != null && i % 100 == 0 && Files.exists(stopFile)) {
                break;
            }
            String payload = CheckedRecords.payload(a.process(), i, payloadChars);
            long t0 = System.nanoTime();
            log.info(CheckedRecords.TEMPLATE, a.process(), i, CheckedRecords.crc(a.process(), i, payload), payload);
            if (callNanos != null) {
                callNanos[i - 1] = System.nanoTime() - t0;
            }
            written = i;
            a.afterCall(i);
        }
        if (callNanos != null && written > 0) {
            long[] t = Arrays.copyOf(callNanos, written);
            Arrays.sort(t);
            System.out.println("calls " + written + " p50 " + t[(written - 1) / 2] + " p99 " + t[(int) (written * 0.99)]
                    + " p99.9 " + t[(int) (written * 0.999)] + " max " + t[written - 1] + " ns");
        }
        System.out.println("done " + written);
        System.out.flush();
        Thread.sleep(Long.getLong("lingerMillis", 0));
        applog.close();
    }

    /** The N of the "done N" line that child {@code name}, a {@code CheckedWriterMain}, printed last; fails if it did not finish. */
    static int done(Children children, String name) throws IOException {
        String last = children.lastLine(name);
        if (!last.startsWith("done ")) {
            fail(name + " did not finish: last line '" + last + "'");
        }
        return Integer.parseInt(last.substring(5));
    }
}
