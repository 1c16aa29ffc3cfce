package io.applog.kafka;

import io.applog.record.DecodedRecord;

import java.util.ArrayDeque;

/**
 * One writer of one host as the collector sees it through the topic: its identity, the records
 * received and not yet written (whole messages, decoded one record at a time into the head),
 * its watermark and state from the beats, and the index of its last record taken and written.
 */
final class RemoteWriter {
    /** A received records message: read record by record; done once its last record is written. */
    static final class Chunk {
        final byte[] value;
        final int partition;
        final long offset;
        /** Records of this message at or below this index were written before: skipped. */
        final long skipUpTo;
        int pos;
        int remaining;

        Chunk(byte[] value, int partition, long offset, int pos, int count, long skipUpTo) {
            this.value = value;
            this.partition = partition;
            this.offset = offset;
            this.pos = pos;
            this.remaining = count;
            this.skipUpTo = skipUpTo;
        }
    }

    /** Told when a message has been written to its end (its offset need not be read again). */
    interface Done {
        void done(Chunk chunk);

        /** The rest of {@code chunk} cannot be read ({@code e}): it is skipped. */
        void damaged(Chunk chunk, ShipReader.Malformed e);
    }

    final ShipCodec.Identity id;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final DecodedRecord head = new DecodedRecord();
    private final ShipReader reader = new ShipReader();
    private boolean hasHead;
    /** Index of the last record taken into {@link #chunks} (or written before); -1 if none. */
    long lastTaken;
    /** Index of the last record handed to the sink; -1 if none. */
    long lastWritten;
    long savedIndex;
    byte state = ShipLayout.STATE_LIVE;
    long dropped;
    /** Collector nanoTime at which a message of this writer last arrived. */
    long lastHeardNanos;
    private String display;

    RemoteWriter(ShipCodec.Identity id, long lastWritten, long nowNanos) {
        this.id = id;
        this.lastTaken = lastWritten;
        this.lastWritten = lastWritten;
        this.savedIndex = lastWritten;
        this.lastHeardNanos = nowNanos;
        this.display = id.process();
    }

    /** The process column: {@code process@host} once more than one host is known. */
    void showHost(boolean show) {
        display = show ? id.process() + "@" + id.host() : id.process();
    }

    /**
     * Takes a records message, or says why not: messages whose records were all taken before
     * are duplicates (a shipper sent them again after a restart); a message whose
     * {@code prevIndex} is past the last record taken follows one that was lost, and the
     * shipper sends both again.
     *
     * @return true if taken
     */
    boolean take(Chunk chunk, long prevIndex, long lastIndex) {
        if (lastIndex <= lastTaken) {
            return false;
        }
        if (prevIndex != ShipLayout.PREV_UNKNOWN && prevIndex > lastTaken && lastTaken >= 0) {
            return false;
        }
        chunks.addLast(chunk);
        lastTaken = lastIndex;
        return true;
    }

    /** Applies a beat of this writer: its state and the count of records it dropped. */
    void beat(byte newState, long droppedCount) {
        state = newState;
        dropped = droppedCount;
    }

    boolean ended() {
        return state != ShipLayout.STATE_LIVE;
    }

    boolean hasHead() {
        return hasHead;
    }

    DecodedRecord head() {
        return head;
    }

    boolean idle() {
        return !hasHead && chunks.isEmpty();
    }

    /** Decodes the next record to write into the head; true if there is one. */
    boolean fill(Done done) {
        if (hasHead) {
            return true;
        }
        while (!chunks.isEmpty()) {
            Chunk c = chunks.peekFirst();
            if (c.remaining == 0) {
                chunks.pollFirst();
                done.done(c);
                continue;
            }
            try {
                reader.reset(c.value, c.pos);
                ShipCodec.record(reader, head);
                c.pos = reader.position();
                c.remaining--;
            } catch (ShipReader.Malformed e) {
                done.damaged(c, e);
                c.remaining = 0;
                continue;
            }
            if (head.index <= c.skipUpTo || head.index <= lastWritten) {
                continue;
            }
            head.process = display;
            head.pid = id.pid();
            hasHead = true;
            return true;
        }
        return false;
    }

    /** The head was written. */
    void advance() {
        lastWritten = head.index;
        hasHead = false;
    }
}
