package io.applog.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.applog.drain.CollectorFiles;
import io.applog.drain.QueueStats;
import io.applog.drain.Sink;
import io.applog.internal.DrainerLockFile;
import io.applog.internal.GaveUpFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code applog stats}: writer queues, backlog, drainer and disk of a queue dir. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show each writer queue under --queue (process, pid, alive, last record, records,"
                + " backlog not yet written, dropped), the drainer (pid, where it writes and how far, lag)"
                + " and the disk the queue dir uses; or, with --collector, an applog collect.")
final class StatsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--queue", paramLabel = "DIR",
            description = "Queue dir: the directory holding each process's writer queue.")
    Path queue;

    @Option(names = "--collector", paramLabel = "LOGFILE",
            description = "Instead of a queue dir: the applog collect writing LOGFILE (each host's clock offset,"
                    + " each partition's lag, as it last saved them).")
    Path collector;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "table (for people) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!"table".equals(format) && !"json".equals(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': " + format + " (expected table or json)");
        }
        if ((queue == null) == (collector == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--queue=DIR' (or '--collector=LOGFILE', not both)");
        }
        if (collector != null) {
            System.out.print(collectorStats(collector));
            System.out.flush();
            return 0;
        }
        QueueStats stats = QueueStats.read(queue);
        long now = System.currentTimeMillis() * 1_000_000L;
        PrintStream out = System.out;
        out.print("json".equals(format) ? json(stats, now) : table(stats, now));
        out.flush();
        return 0;
    }

    static String table(QueueStats stats, long nowNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-28s %-16s %8s %-5s %-23s %10s %10s %8s%n", "WRITER", "PROCESS", "PID",
                "ALIVE", "LAST RECORD", "RECORDS", "BACKLOG", "DROPPED"));
        long oldest = Long.MAX_VALUE;
        long backlog = 0;
        for (QueueStats.Writer w : stats.writers()) {
            sb.append(String.format("%-28s %-16s %8d %-5s %-23s %10d %10d %8d%n", w.directory(), w.process(),
                    w.pid(), w.closed() ? "done" : w.alive() ? "yes" : "no", time(w.lastRecordNanos()),
                    w.records(), w.backlog(), w.dropped()));
            backlog += w.backlog();
            if (w.backlog() > 0) {
                oldest = Math.min(oldest, w.oldestBacklogNanos());
            }
        }
        QueueStats.DrainerState d = stats.drainer();
        String sink = d.sink().describe();
        sb.append(String.format("%ndrainer: %s%s%n", d.running() ? "running, pid " + d.pid() : "not running",
                sink.isEmpty() ? "" : ", " + sink));
        GaveUpFile.Note gaveUp = d.gaveUp();
        if (gaveUp != null) {
            sb.append(String.format("drainer restarts: given up at %s by pid %d (%s, %s): %d drainers started"
                            + " within %d s died (last exit code %s); start one with applog drain --queue %s"
                            + " --logfile FILE%n", TIME.format(gaveUp.time()), gaveUp.pid(), gaveUp.process(),
                    gaveUp.writerAlive() ? "still running" : "since exited", gaveUp.starts(), gaveUp.seconds(),
                    gaveUp.lastExit(), stats.root()));
        }
        if (Sink.Progress.WRITTEN.equals(d.sink().pending())) {
            sb.append(String.format("lag: %s%n", oldest == Long.MAX_VALUE ? "none (everything written)"
                    : String.format("%.3f s (oldest record not yet written)", (nowNanos - oldest) / 1e9)));
        } else { // a shipper: its checkpoint passes only what the broker acknowledged
            sb.append(String.format("lag: %s%n", oldest == Long.MAX_VALUE ? "none (everything " + d.sink().pending() + ")"
                    : String.format("%d records, %.3f s (not yet %s)", backlog, (nowNanos - oldest) / 1e9,
                    d.sink().pending())));
        }
        if (d.sink().lost() > 0) {
            sb.append(String.format("lost: %d records the output refused for good (skipped)%n", d.sink().lost()));
        }
        sb.append(String.format("disk: %d bytes in the queue dir (apparent size)%n", stats.diskBytes()));
        return sb.toString();
    }

    static String json(QueueStats stats, long nowNanos) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeArrayFieldStart("writers");
            long oldest = Long.MAX_VALUE;
            long backlog = 0;
            for (QueueStats.Writer w : stats.writers()) {
                g.writeStartObject();
                g.writeStringField("directory", w.directory());
                g.writeStringField("process", w.process());
                g.writeNumberField("pid", w.pid());
                g.writeBooleanField("alive", w.alive());
                g.writeBooleanField("closed", w.closed());
                g.writeStringField("lastRecord", w.lastRecordNanos() == 0 ? null : iso(w.lastRecordNanos()));
                g.writeNumberField("records", w.records());
                g.writeNumberField("backlog", w.backlog());
                g.writeNumberField("dropped", w.dropped());
                g.writeEndObject();
                backlog += w.backlog();
                if (w.backlog() > 0) {
                    oldest = Math.min(oldest, w.oldestBacklogNanos());
                }
            }
            g.writeEndArray();
            QueueStats.DrainerState d = stats.drainer();
            g.writeObjectFieldStart("drainer");
            g.writeBooleanField("running", d.running());
            g.writeStringField("pid", d.pid());
            // keys named when the logfile was the only sink: scripts read them
            g.writeStringField("logfile", d.sink().output());
            g.writeNumberField("position", d.sink().amount());
            g.writeNumberField("lagSeconds", oldest == Long.MAX_VALUE ? 0 : (nowNanos - oldest) / 1e9);
            if (!Sink.Progress.WRITTEN.equals(d.sink().pending())) { // a shipper's: only then, the usual output stays
                g.writeStringField("pending", d.sink().pending());
                g.writeNumberField("lagRecords", backlog);
                g.writeNumberField("lost", d.sink().lost());
            }
            GaveUpFile.Note gaveUp = d.gaveUp();
            if (gaveUp != null) { // only then: the usual output stays as it was
                g.writeObjectFieldStart("gaveUp");
                g.writeStringField("time", gaveUp.time().toString());
                g.writeNumberField("pid", gaveUp.pid());
                g.writeStringField("process", gaveUp.process());
                g.writeBooleanField("writerAlive", gaveUp.writerAlive());
                g.writeNumberField("starts", gaveUp.starts());
                g.writeNumberField("seconds", gaveUp.seconds());
                g.writeStringField("lastExit", gaveUp.lastExit());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNumberField("diskBytes", stats.diskBytes());
            g.writeEndObject();
        }
        return text + "\n";
    }

    /**
     * The collector of {@code logfile}: running or not (its lock), then the stats it saves every
     * second ({@link CollectorFiles#STATS}).
     */
    static String collectorStats(Path logfile) throws IOException {
        Path dir = CollectorFiles.stateDir(logfile);
        Path file = dir.resolve(CollectorFiles.STATS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("no collector stats for logfile " + logfile + " (" + file + " does not exist)");
        }
        DrainerLockFile.Holder holder = DrainerLockFile.holder(dir);
        String state = DrainerLockFile.held(dir) ? "running, pid " + (holder == null ? "?" : holder.pid())
                : "not running";
        return "collector: " + state + "\n" + Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String time(long nanos) {
        return nanos == 0 ? "-" : TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    private static String iso(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }
}
