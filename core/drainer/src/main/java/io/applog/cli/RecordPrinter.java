package io.applog.cli;

import io.applog.drain.Tail;
import io.applog.drain.WriterSource;
import io.applog.format.RecordFormat;
import io.applog.record.DecodedRecord;

import java.io.IOException;
import java.io.Writer;

/**
 * What {@code applog cat} does with each record: formats it, and prints it if the filter
 * accepts it, coloured by level if asked ({@link CatOptions#printer}).
 */
public final class RecordPrinter implements Tail.Handler {
    private final Writer out;
    private final RecordFormat format;
    private final RecordFilter filter;
    private final boolean colour;
    private final StringBuilder line = new StringBuilder(512);

    RecordPrinter(Writer out, RecordFormat format, RecordFilter filter, boolean colour) {
        this.out = out;
        this.format = format;
        this.filter = filter;
        this.colour = colour;
    }

    @Override
    public void handle(WriterSource from, DecodedRecord record) throws IOException {
        print(record);
    }

    /** Prints {@code record} if the filter accepts it; it is valid only during this call. */
    public void print(DecodedRecord record) throws IOException {
        line.setLength(0);
        format.format(record, line);
        if (!filter.accepts(record, line)) {
            return;
        }
        if (!colour) {
            out.append(line);
            return;
        }
        String code = switch (record.level) {
            case ERROR -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case INFO -> "\u001b[0m";
            default -> "\u001b[2m";
        };
        out.append(code).append(line, 0, line.length() - 1).append("\u001b[0m\n");
    }

    /** Flushes what was printed. */
    public void flush() throws IOException {
        out.flush();
    }
}
