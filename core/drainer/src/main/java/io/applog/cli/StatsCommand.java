package io.applog.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.applog.drain.QueueStats;
import io.applog.internal.GaveUpFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code applog stats}: writer queues, backlog, drainer and disk of a queue dir. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show each writer queue under --queue (process, pid, alive, last record, records,"
                + " backlog not yet written, dropped), the drainer (pid, where it writes and how far, lag)"
                + " and the disk the queue dir uses.")
final class StatsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--queue", required = true, paramLabel = "DIR",
            description = "Queue dir: the directory holding each process's writer queue.")
    Path queue;

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
        for (QueueStats.Writer w : stats.writers()) {
            sb.append(String.format("%-28s %-16s %8d %-5s %-23s %10d %10d %8d%n", w.directory(), w.process(),
                    w.pid(), w.closed() ? "done" : w.alive() ? "yes" : "no", time(w.lastRecordNanos()),
                    w.records(), w.backlog(), w.dropped()));
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
        sb.append(String.format("lag: %s%n", oldest == Long.MAX_VALUE ? "none (everything written)"
                : String.format("%.3f s (oldest record not yet written)", (nowNanos - oldest) / 1e9)));
        sb.append(String.format("disk: %d bytes in the queue dir (apparent size)%n", stats.diskBytes()));
        return sb.toString();
    }

    static String json(QueueStats stats, long nowNanos) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeArrayFieldStart("writers");
            long oldest = Long.MAX_VALUE;
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

    private static String time(long nanos) {
        return nanos == 0 ? "-" : TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    private static String iso(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }
}
