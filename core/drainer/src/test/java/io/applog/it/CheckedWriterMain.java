package io.applog.it;

import io.applog.Applog;
import io.applog.Logger;
import io.applog.testing.Children;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A writer process of {@link CheckedRecords}: {@code queue process count [pauseEvery pauseMillis]}.
 * Logs records 1..count (fewer if the file named by the property {@code stopFile} appears; it is
 * looked for every 100 records), then prints "done N" and, after {@code lingerMillis} (heartbeats
 * go on meanwhile), closes. With the property {@code progress} set it prints "i" on stdout after
 * call i returned. {@code payloadChars} fixes the payload length (default: varying). Other
 * {@code applog.*} system properties apply.
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
        int written = 0;
        for (int i = 1; i <= a.count(); i++) {
            if (stopFile != null && i % 100 == 0 && Files.exists(stopFile)) {
                break;
            }
            String payload = CheckedRecords.payload(a.process(), i, payloadChars);
            log.info(CheckedRecords.TEMPLATE, a.process(), i, CheckedRecords.crc(a.process(), i, payload), payload);
            written = i;
            a.afterCall(i);
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
