package io.applog.drain;

import io.applog.format.RecordFormat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * The one place that knows every kind of {@link Sink}: which sink a drainer's options ask for,
 * and how operators read each kind's checkpointed position. A new sink is its own class plus
 * one case in each method here; a sink of another module (the topic sink of {@code applog
 * ship}, which keeps Kafka out of this module) is handed to {@link Drainer#open(DrainerOptions,
 * Sink)} by its command, and the file sink is open to other drainers through {@link #logfile}.
 */
public final class Sinks {
    private Sinks() {
    }

    /** The sink {@code options} ask for, not yet opened: the drainer restores it first. */
    public static Sink create(DrainerOptions options) {
        return logfile(options.logfile(), options.format(), options.pattern(), options.echoStdout(), options.rotation());
    }

    /**
     * The logfile as a sink, for a drainer of other sources (the collector of a topic): each
     * record one line in {@code format} ({@code text}, {@code json} or {@code otel}; text with
     * {@code pattern}, null for the default line), rotated as asked.
     */
    public static Sink logfile(Path logfile, String format, String pattern, boolean echoStdout, Rotation rotation) {
        ZoneId zone = ZoneId.systemDefault();
        return new FileSink(logfile, RecordFormat.of(format, pattern, zone), echoStdout, rotation, zone);
    }

    /**
     * What {@code position}, checkpointed by a sink of {@code kind}, says (for {@code applog stats}).
     *
     * @throws IOException if the kind is unknown or the position is not one of its values
     */
    public static Sink.Progress progress(String kind, String position) throws IOException {
        switch (kind) {
            case FileSink.KIND:
                return FileSink.progress(position);
            case TopicPosition.KIND: // the sink of applog ship, read as text: no Kafka class here
                return TopicPosition.parse(position).progress();
            default:
                throw new IOException("sink=" + kind + " of the checkpoint is not a sink this version knows");
        }
    }
}
