package io.applog.archive;

import io.applog.Applog;
import io.applog.ApplogSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An application with drainer mode auto: {@code <queue> <logfile> <message>}. Logs one record,
 * says {@code DRAINER <pid>} (-1 if it started none), and closes when a line (or the end) comes
 * on stdin.
 */
public final class ArchiveApp {
    private ArchiveApp() {
    }

    public static void main(String[] args) throws IOException {
        Applog applog = Applog.open(ApplogSettings.builder().queue(Path.of(args[0])).logfile(Path.of(args[1]))
                .process("archive-app").drainer(ApplogSettings.DrainerMode.AUTO).timeoutSeconds(1).build());
        applog.logger("archive").info("record {}", args[2]);
        Process drainer = io.applog.bridge.ApplogAccess.get().drainerProcess(applog);
        System.out.println("DRAINER " + (drainer == null ? -1 : drainer.pid()));
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        applog.close();
    }
}
