package io.applog.cli;

import io.applog.drain.Tail;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code applog cat}: prints the records still in the writer queues, merged in timestamp
 * order by the drainer's own tail loop ({@link Tail}), without changing them: a drainer
 * running now or later still writes everything.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print the records in the writer queues under --queue, merged in timestamp"
                + " order, without changing them: a drainer still writes them all (-f keeps following).")
final class CatCommand implements Callable<Integer> {
    private static final long REORDER_NANOS = 100_000_000L;
    private static final long MAX_PARK_NANOS = 20_000_000L;

    @Option(names = "--queue", required = true, paramLabel = "DIR",
            description = "Queue dir: the directory holding each process's writer queue.")
    Path queue;

    @CommandLine.Mixin
    CatOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        RecordPrinter printer = options.printer(spec, out);
        if (!Files.isDirectory(queue, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("queue dir " + queue + " is not a directory");
        }
        boolean follow = options.follow();
        try (Tail tail = Tail.reader(queue)) {
            Tail.run(() -> print(tail, printer, follow), () -> !follow, MAX_PARK_NANOS);
        }
        printer.flush();
        return 0;
    }

    /** One pass: every record that may go now (all of them without -f), printed and flushed. */
    private static int print(Tail tail, RecordPrinter printer, boolean follow) throws IOException {
        tail.findWriters(System.nanoTime());
        long releaseBefore = follow ? System.currentTimeMillis() * 1_000_000L - REORDER_NANOS : Long.MAX_VALUE;
        int printed = tail.handOn(releaseBefore, Integer.MAX_VALUE, printer);
        if (printed > 0) {
            printer.flush();
        }
        return printed;
    }
}
