package io.applog.drain;

import io.applog.format.RecordFormat;

import java.io.IOException;
import java.time.ZoneId;

/**
 * The one place that knows every kind of {@link Sink}: which sink a drainer's options ask for,
 * and how operators read each kind's checkpointed position. A new sink is its own class plus
 * one case in each method here.
 */
public final class Sinks {
    private Sinks() {
    }

    /** The sink {@code options} ask for, not yet opened: the drainer restores it first. */
    static Sink create(DrainerOptions options) {
        ZoneId zone = ZoneId.systemDefault();
        return new FileSink(options.logfile(), RecordFormat.of(options.format(), options.pattern(), zone), options.echoStdout(),
                options.rotation(), zone);
    }

    /**
     * What {@code position}, checkpointed by a sink of {@code kind}, says (for {@code applog stats}).
     *
     * @throws IOException if the kind is unknown or the position is not one of its values
     */
    static Sink.Progress progress(String kind, String position) throws IOException {
        switch (kind) {
            case FileSink.KIND:
                return FileSink.progress(position);
            default:
                throw new IOException("sink=" + kind + " of the checkpoint is not a sink this version knows");
        }
    }
}
