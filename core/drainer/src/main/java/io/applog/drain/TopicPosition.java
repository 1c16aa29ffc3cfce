package io.applog.drain;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The checkpointed position of the topic sink of {@code applog ship} (module {@code core/kafka}),
 * as text only, so that {@code applog stats} reads it without a Kafka class:
 * {@code <messages acknowledged> <url-encoded topic> [<records lost>]}, the last being the
 * records the broker refused for good (larger than its message size limit), skipped and counted.
 *
 * @param acknowledged messages the broker acknowledged, counted since the first shipper of this queue dir
 * @param topic        the topic shipped to
 * @param lost         records skipped because the broker refused them for good
 */
public record TopicPosition(long acknowledged, String topic, long lost) {
    /** The sink's name in the checkpoint. */
    public static final String KIND = "kafka";

    public TopicPosition {
        if (acknowledged < 0 || lost < 0) {
            throw new IllegalArgumentException("acknowledged=" + acknowledged + " lost=" + lost + " (expected >= 0)");
        }
    }

    /** The position as the checkpoint holds it (one line). */
    public String encode() {
        return acknowledged + " " + URLEncoder.encode(topic, StandardCharsets.UTF_8) + (lost == 0 ? "" : " " + lost);
    }

    /**
     * Reads a position {@link #encode} wrote.
     *
     * @throws IOException if it is not one
     */
    public static TopicPosition parse(String position) throws IOException {
        String[] f = position.split(" ", -1);
        try {
            if (f.length == 2 || f.length == 3) {
                return new TopicPosition(Long.parseLong(f[0]), URLDecoder.decode(f[1], StandardCharsets.UTF_8),
                        f.length == 3 ? Long.parseLong(f[2]) : 0);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new IOException("position=" + position + " of the kafka sink is not <messages> <topic> [<lost>]");
    }

    /** What it says for operators: the topic and the messages acknowledged; backlog is what the broker has not acknowledged. */
    Sink.Progress progress() {
        return new Sink.Progress("topic " + topic, acknowledged, "message", Sink.Progress.ACKNOWLEDGED, lost);
    }
}
