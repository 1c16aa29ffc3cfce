package io.applog.it;

import io.applog.Applog;
import io.applog.Logger;

import java.nio.file.Files;
import java.nio.file.Path;

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
        Path queue = Path.of(args[0]);
        String process = args[1];
        int count = Integer.parseInt(args[2]);
        int pauseEvery = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long pauseMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
        boolean progress = Boolean.getBoolean("progress");
        int payloadChars = Integer.getInteger("payloadChars", CheckedRecords.VARYING);
        String stop = System.getProperty("stopFile");
        Path stopFile = stop == null ? null : Path.of(stop);
        Applog applog = WriterMain.open(queue, process);
        Logger log = applog.logger("it.Checked");
        int written = 0;
        for (int i = 1; i <= count; i++) {
            if (stopFile != null && i % 100 == 0 && Files.exists(stopFile)) {
                break;
            }
            String payload = CheckedRecords.payload(process, i, payloadChars);
            log.info(CheckedRecords.TEMPLATE, process, i, CheckedRecords.crc(process, i, payload), payload);
            written = i;
            if (progress) {
                System.out.println(i);
            }
            if (pauseEvery > 0 && i % pauseEvery == 0) {
                Thread.sleep(pauseMillis);
            }
        }
        System.out.println("done " + written);
        System.out.flush();
        Thread.sleep(Long.getLong("lingerMillis", 0));
        applog.close();
    }
}
