package io.applog.kafka;

import io.applog.drain.CollectorFiles;
import io.applog.internal.SecureFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * What a running collector saves every second for {@code applog stats --collector LOGFILE}
 * ({@link CollectorFiles#STATS}, temp file + rename): its counts, each host's clock offset
 * from the collector's clock, and each partition's lag.
 *
 * <pre>
 * topic two-hosts, as of 2026-12-02 15:40:01.123
 * records: written 120000, duplicates dropped 0
 * messages skipped: 0 (not applog's 0, of another layout version 0, damaged or truncated 0)
 * HOST                             CLOCK OFFSET  BEATS
 * host-a                               +0.001 s     50
 * PARTITION      LAG
 * 0                0
 * </pre>
 *
 * A host's clock offset is the collector's clock less the host's: the least (receive time -
 * send time) over its last 50 beats (5 s), a beat's send time being its Kafka create time
 * stamped by the shipper. Transit time is in it, so it is an upper bound: a host whose clock
 * agrees shows a few milliseconds; a host whose clock is 2 s ahead shows about -2 s.
 */
final class CollectorStats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final Path file;
    private final Path tmp;
    private final String topic;
    private long next = System.nanoTime();

    CollectorStats(Path stateDir, String topic) {
        this.file = stateDir.resolve(CollectorFiles.STATS);
        this.tmp = stateDir.resolve(CollectorFiles.STATS + ".tmp");
        this.topic = topic;
    }

    /** Saves the stats if a second has passed since the last time (or with {@code now}). */
    void maybeSave(TopicMerge merge, TopicConsumer consumer, boolean now) throws IOException {
        long t = System.nanoTime();
        if (!now && t - next < 0) {
            return;
        }
        next = t + EVERY_NANOS;
        String text = render(topic, System.currentTimeMillis(), merge, consumer.lags(merge));
        Files.deleteIfExists(tmp);
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SecureFiles.restrict(tmp, SecureFiles.FILE);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String render(String topic, long nowMillis, TopicMerge merge, Map<Integer, Long> lags) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("topic ").append(topic).append(", as of ").append(TIME.format(Instant.ofEpochMilli(nowMillis)))
                .append('\n');
        sb.append("records: written ").append(merge.written()).append(", duplicates dropped ")
                .append(merge.duplicates()).append('\n');
        sb.append("messages skipped: ").append(merge.describeSkipped()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-32s %12s %6s%n", "HOST", "CLOCK OFFSET", "BEATS"));
        for (TopicMerge.HostState h : merge.hosts()) {
            long offset = h.clockOffsetMillis();
            sb.append(String.format(Locale.ROOT, "%-32s %12s %6d%n", h.name,
                    offset == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%+.3f s", offset / 1000.0),
                    h.beatsSeen()));
        }
        sb.append(String.format(Locale.ROOT, "%-9s %8s%n", "PARTITION", "LAG"));
        for (Map.Entry<Integer, Long> e : lags.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-9d %8s%n", e.getKey(), e.getValue() < 0 ? "-" : e.getValue()));
        }
        return sb.toString();
    }
}
