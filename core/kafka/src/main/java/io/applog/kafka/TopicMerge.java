package io.applog.kafka;

import io.applog.internal.InternalLog;
import io.applog.record.DecodedRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The merge of a topic {@code applog ship} writes: every writer of every host, in timestamp
 * order, each record once. Shared by {@code applog collect} (into the logfile, checkpointed)
 * and {@code applog cat --kafka} (printed).
 *
 * <p>A record goes once every host's shipper has beaten a watermark at or past its timestamp
 * (each host's messages share one partition, so a beat comes after every record it covers, of
 * any writer); a host whose shipper has sent nothing for the stall time no longer holds the
 * others back. Each writer takes a records message only if it brings records past the last
 * one taken ({@link RemoteWriter#take}): a shipper that sent them again after a restart
 * changes nothing.
 */
final class TopicMerge {
    /** Takes the merged records, oldest first. */
    interface Output {
        /** Takes the next record; it is valid only during this call. */
        void write(DecodedRecord record) throws IOException;

        /**
         * True if no more may be written before a checkpoint (a logfile due to rotate), as the
         * drainer's {@code Tail.Handler.batchFull}.
         */
        default boolean batchFull() throws IOException {
            return false;
        }
    }

    private final long stallNanos;
    private final Map<String, RemoteWriter> byKey = new HashMap<>();
    private final List<RemoteWriter> writers = new ArrayList<>();
    private final Map<String, HostState> hosts = new HashMap<>();
    private final List<HostState> hostList = new ArrayList<>();
    /** Per partition, the offsets of records messages taken and not yet written to their end. */
    private final Map<Integer, TreeSet<Long>> pending = new TreeMap<>();
    private final ShipReader reader = new ShipReader();
    private final StringBuilder scratch = new StringBuilder(64);
    private final RemoteWriter.Done chunkDone = new RemoteWriter.Done() {
        @Override
        public void done(RemoteWriter.Chunk chunk) {
            chunkDone(chunk);
        }

        @Override
        public void damaged(RemoteWriter.Chunk chunk, ShipReader.Malformed e) {
            skipped(e, chunk.partition, chunk.offset);
        }
    };
    private long written;
    private long duplicates;
    /** Messages skipped, per {@link ShipReader.Skipped} kind. */
    private final long[] skipped = new long[ShipReader.Skipped.values().length];

    /** @param stallNanos how long a silent host holds back the others at most */
    TopicMerge(long stallNanos) {
        this.stallNanos = stallNanos;
    }

    /**
     * Takes one message of the topic, received at {@code now} (nanoTime) and {@code receivedMillis}
     * (epoch millis); {@code sentMillis} is the shipper's clock when it sent the message (the
     * record's create time), or -1 if unknown.
     */
    void receive(int partition, long offset, byte[] value, long now, long sentMillis, long receivedMillis) {
        try {
            reader.reset(value, 0);
            byte kind = ShipCodec.kind(reader);
            ShipCodec.Identity id = ShipCodec.identity(reader, scratch);
            HostState host = host(id.host(), now);
            host.lastHeardNanos = now;
            if (kind == ShipLayout.KIND_BEAT) {
                long watermark = reader.getLong();
                byte state = reader.getByte();
                long dropped = reader.getLong();
                host.watermarkNanos = Math.max(host.watermarkNanos, watermark);
                if (sentMillis >= 0) {
                    host.beat(receivedMillis - sentMillis);
                }
                if (!id.writer().isEmpty()) {
                    writer(id, now).beat(state, dropped);
                }
                return;
            }
            RemoteWriter w = writer(id, now);
            long prev = reader.getLong();
            long last = reader.getLong();
            int count = reader.getCount(19);
            RemoteWriter.Chunk chunk = new RemoteWriter.Chunk(value, partition, offset, reader.position(),
                    count, w.lastTaken);
            if (w.take(chunk, prev, last)) {
                pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
            } else {
                duplicates += count;
            }
        } catch (ShipReader.Malformed e) {
            skipped(e, partition, offset);
        }
    }

    /**
     * Counts a message skipped as {@code e} says (or the rest of one whose records turned out
     * damaged); the first of each kind is one line on stderr, the others are only counted.
     */
    private void skipped(ShipReader.Malformed e, int partition, long offset) {
        if (skipped[e.kind.ordinal()]++ == 0) {
            InternalLog.warn("skipping a message " + e.kind.text + " at partition " + partition + " offset " + offset
                    + " (" + e.getMessage() + "); others " + e.kind.text + " are counted, not reported");
        }
    }

    private RemoteWriter writer(ShipCodec.Identity id, long now) {
        RemoteWriter w = byKey.get(id.key());
        if (w == null) {
            w = addWriter(id, -1, now);
        }
        w.lastHeardNanos = now;
        return w;
    }

    private HostState host(String name, long now) {
        HostState h = hosts.get(name);
        if (h == null) {
            h = new HostState(name, now);
            hosts.put(name, h);
            hostList.add(h);
            if (hosts.size() == 2) {
                for (RemoteWriter each : writers) {
                    each.showHost(true);
                }
            }
        }
        return h;
    }

    /** Adds a writer known from a checkpoint: its records at or below {@code lastWritten} are not written again. */
    RemoteWriter addWriter(ShipCodec.Identity id, long lastWritten, long now) {
        host(id.host(), now);
        RemoteWriter w = new RemoteWriter(id, lastWritten, now);
        byKey.put(id.key(), w);
        writers.add(w);
        w.showHost(hosts.size() > 1);
        return w;
    }

    /** Every writer known, in the order they became known. */
    List<RemoteWriter> writers() {
        return writers;
    }

    /**
     * One host as its beats tell: how old a record its shipper may still send is, when it was
     * last heard, and its clock's offset from this one.
     */
    static final class HostState {
        /** How many of the last beats the clock offset is estimated from (5 s of beats). */
        static final int BEATS = 50;
        final String name;
        long watermarkNanos = Long.MIN_VALUE;
        long lastHeardNanos;
        /** Receive time less send time of the last {@link #BEATS} beats, in millis (a ring). */
        private final long[] delays = new long[BEATS];
        private long beats;

        HostState(String name, long now) {
            this.name = name;
            lastHeardNanos = now;
        }

        void beat(long delayMillis) {
            delays[(int) (beats++ % BEATS)] = delayMillis;
        }

        /** Beats the offset is estimated from (at most {@link #BEATS}). */
        int beatsSeen() {
            return (int) Math.min(beats, BEATS);
        }

        /**
         * This clock less the host's, in millis: the least (receive time - send time) over the
         * last beats, which is the offset plus the quickest beat's transit; 0 beats: unknown
         * ({@link Long#MIN_VALUE}).
         */
        long clockOffsetMillis() {
            int n = beatsSeen();
            if (n == 0) {
                return Long.MIN_VALUE;
            }
            long min = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, delays[i]);
            }
            return min;
        }
    }

    /** Every host known, in the order they became known. */
    List<HostState> hosts() {
        return hostList;
    }

    private void chunkDone(RemoteWriter.Chunk c) {
        TreeSet<Long> offsets = pending.get(c.partition);
        if (offsets != null) {
            offsets.remove(c.offset);
        }
    }

    /** The offset of the first message of {@code partition} not yet written to its end; -1 if none. */
    long firstPending(int partition) {
        TreeSet<Long> offsets = pending.get(partition);
        return offsets == null || offsets.isEmpty() ? -1 : offsets.first();
    }

    /**
     * Hands up to {@code max} records to {@code out} in timestamp order, as far as every host's
     * watermark allows and until {@code out}'s batch is {@linkplain Output#batchFull full}; with
     * {@code all}, whatever the other hosts may still send (at the end).
     *
     * @return how many records were handed on
     */
    int handOn(boolean all, int max, Output out) throws IOException {
        final List<RemoteWriter> ws = writers;
        final long now = System.nanoTime();
        int n = 0;
        while (n < max && !out.batchFull()) {
            RemoteWriter min = null;
            for (int i = 0, size = ws.size(); i < size; i++) {
                RemoteWriter w = ws.get(i);
                if (w.fill(chunkDone) && (min == null || w.head().timestampNanos < min.head().timestampNanos)) {
                    min = w;
                }
            }
            if (min == null || !all && !hostsPassed(min.head().timestampNanos, now)) {
                break;
            }
            out.write(min.head());
            min.advance();
            n++;
        }
        written += n;
        return n;
    }

    /**
     * True if no host can still send a record older than {@code t}: each has beaten a watermark
     * at or past it, or has been silent for the stall time.
     */
    private boolean hostsPassed(long t, long now) {
        final List<HostState> hs = hostList;
        for (int i = 0, size = hs.size(); i < size; i++) {
            HostState h = hs.get(i);
            if (h.watermarkNanos < t && now - h.lastHeardNanos < stallNanos) {
                return false;
            }
        }
        return true;
    }

    /**
     * True once every writer has been written to its end and has ended, or been silent for
     * {@code timeoutNanos}; with no writer, once {@code sinceNanos} is that long ago.
     */
    boolean allEnded(long now, long timeoutNanos, long sinceNanos) {
        if (writers.isEmpty()) {
            return now - sinceNanos >= timeoutNanos;
        }
        for (int i = 0, size = writers.size(); i < size; i++) {
            RemoteWriter w = writers.get(i);
            if (!w.idle() || !w.ended() && now - w.lastHeardNanos < timeoutNanos) {
                return false;
            }
        }
        return true;
    }

    long written() {
        return written;
    }

    long duplicates() {
        return duplicates;
    }

    /** Messages skipped (of every kind). */
    long skipped() {
        long n = 0;
        for (long each : skipped) {
            n += each;
        }
        return n;
    }

    /** {@code 3 (not applog's 1, of another layout version 1, damaged or truncated 1)}. */
    String describeSkipped() {
        StringBuilder sb = new StringBuilder().append(skipped()).append(" (");
        for (ShipReader.Skipped k : ShipReader.Skipped.values()) {
            sb.append(k.ordinal() == 0 ? "" : ", ").append(k.text).append(' ').append(skipped[k.ordinal()]);
        }
        return sb.append(')').toString();
    }
}
