package io.applog.cli;

import io.applog.ApplogSettings;
import io.applog.internal.SecureFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of a class-data archive ({@link io.applog.internal.ClassDataArchive}): runs
 * {@code applog log}, {@code cat} (text and JSON), {@code stats} and {@code drain} on a
 * throw-away queue in a private temporary directory, so that the JVM running it with
 * {@code -XX:ArchiveClassesAtExit} archives the classes these commands load. What they print
 * (the records, read back) goes wherever its starter sends it, /dev/null for the archive's
 * training. Exits 0 when every command did, else 1 (and the archive is then not used).
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        ApplogSettings.markToolProcess();
        Path dir = Files.createTempDirectory("applog-archive-"); // 0700
        int failed = 0;
        try {
            String queue = dir.resolve("queue").toString();
            String logfile = dir.resolve("training.log").toString();
            failed += failed(Main.run("log", "--queue", queue, "--process", "training", "one record"));
            failed += failed(Main.run("log", "--queue", queue, "--level", "WARN", "--logger", "training",
                    "--process", "training", "another"));
            failed += failed(Main.run("cat", "--queue", queue));
            failed += failed(Main.run("cat", "--queue", queue, "--format", "json"));
            failed += failed(Main.run("stats", "--queue", queue));
            failed += failed(Main.run("drain", "--queue", queue, "--logfile", logfile, "--timeout-sec", "1"));
        } finally {
            SecureFiles.deleteTree(dir);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static int failed(int exitCode) {
        return exitCode == 0 ? 0 : 1;
    }
}
