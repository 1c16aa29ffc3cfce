package io.applog.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.applog.record.RecordLayout.*;

/**
 * A reader's strings of one writer queue, by id, for the block it reads in
 * ({@link RecordLayout}): as text for the char path, and as the bytes they are in the queue
 * for the plain path ({@link PlainFields}), which copies a known string without looking at
 * it again. One instance per writer queue read, fed in the order of the queue.
 */
public final class StringTable {
    private final RollCycle rollCycle;
    private final String[] strings = new String[MAX_STRING_IDS + 1];
    private final byte[][] utf8 = new byte[MAX_STRING_IDS + 1][];
    private final boolean[] plain = new boolean[MAX_STRING_IDS + 1];
    private final StringBuilder scratch = new StringBuilder(64);
    private int highestId;
    private long blockStart = 1;
    private long blockEnd;
    private long unknown;
    private long lastUnknownId;

    /** @param rollCycle the roll cycle of the queue read, which bounds its blocks */
    public StringTable(RollCycle rollCycle) {
        this.rollCycle = rollCycle;
    }

    /**
     * Moves to the block of the record at {@code index}, forgetting every string when that is
     * another block: a record refers only to strings defined in its own block.
     */
    public void enter(long index) {
        if (index >= blockStart && index < blockEnd) {
            return;
        }
        blockStart = RecordLayout.blockStart(rollCycle, index);
        blockEnd = RecordLayout.blockEnd(rollCycle, blockStart);
        Arrays.fill(strings, 0, highestId + 1, null);
        Arrays.fill(utf8, 0, highestId + 1, null);
        highestId = 0;
    }

    /**
     * Reads with {@code tailer} the definitions (only those: nothing is decoded) of the records
     * of {@code index}'s block up to it, so that a reader resuming after {@code index} finds the
     * strings the next records refer to. Leaves the tailer where it stopped, or at the start
     * after damage; a damaged record on the way is passed over, and references to what it
     * defined read as unknown.
     */
    public void learnUpTo(ExcerptTailer tailer, long index) {
        try {
            if (!tailer.moveToIndex(RecordLayout.blockStart(rollCycle, index))) {
                return;
            }
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent() || dc.index() > index) {
                        return;
                    }
                    learn(dc.wire().bytes(), dc.index());
                }
            }
        } catch (RuntimeException e) { // Chronicle could not read on: reading resumes from the index
            tailer.toStart(); // so that moving to an index does not scan on from inside the damage
        }
    }

    /** Reads the definitions of the record at {@code index}; nothing if it is not a LOG record or is damaged. */
    private void learn(Bytes<?> bytes, long index) {
        if (bytes.readRemaining() < HEADER_LENGTH || bytes.readByte(bytes.readPosition()) != KIND_LOG) {
            return;
        }
        enter(index);
        bytes.readSkip(HEADER_LENGTH);
        try {
            read(bytes);
            read(bytes);
            read(bytes);
        } catch (RuntimeException e) { // damaged: the reader counts it if it ever reads the record
        }
    }

    /**
     * Reads one {@code ref}; keeps the string it defines, if it does.
     *
     * @return the id referred to or defined; {@link RecordLayout#NULL_STRING} for null
     * @throws IllegalStateException if a definition is damaged
     */
    int read(Bytes<?> bytes) {
        final long ref = bytes.readStopBit();
        if (ref >= 0) {
            return ref > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ref;
        }
        if (ref < -MAX_STRING_IDS) {
            throw new IllegalStateException("string id " + -ref + " defined, above " + MAX_STRING_IDS);
        }
        final int id = (int) -ref;
        define(bytes, id);
        return id;
    }

    private void define(Bytes<?> bytes, int id) {
        final long start = bytes.readPosition();
        final long len = bytes.readStopBit();
        if (len < 0 || len > bytes.readRemaining()) {
            throw new IllegalStateException("string id " + id + " defined with " + len + " bytes in a record of "
                    + bytes.readRemaining() + " more");
        }
        final byte[] b = new byte[(int) len];
        bytes.read(b);
        boolean ascii = true;
        boolean printable = true;
        for (byte c : b) {
            ascii &= c >= 0;
            // bytes of 0x80 and above are negative: they fail the first test like C0 controls
            printable &= c < 0x20 ? c == '\t' : c != 0x7F;
        }
        final String s;
        if (ascii) {
            s = new String(b, StandardCharsets.ISO_8859_1);
        } else {
            final long end = bytes.readPosition();
            bytes.readPosition(start);
            scratch.setLength(0);
            bytes.readUtf8(scratch); // as a layout-1 field is read: Chronicle's reading of what it wrote
            bytes.readPosition(end);
            s = scratch.toString();
        }
        strings[id] = s;
        utf8[id] = b;
        plain[id] = printable;
        highestId = Math.max(highestId, id);
    }

    /** True if {@code id} is defined in this block. */
    boolean defined(int id) {
        return id <= MAX_STRING_IDS && strings[id] != null;
    }

    /** The text of a {@linkplain #defined defined} id. */
    String string(int id) {
        return strings[id];
    }

    /** The bytes in the queue of a {@linkplain #defined defined} id. */
    byte[] bytes(int id) {
        return utf8[id];
    }

    /** True if a {@linkplain #defined defined} id is plain ASCII ({@link PlainFields}). */
    boolean plain(int id) {
        return plain[id];
    }

    /**
     * The text shown for an id not defined in this block ({@link RecordLayout#unknownString}),
     * counted.
     */
    String unknown(int id) {
        unknown++;
        lastUnknownId = id;
        return RecordLayout.unknownString(id);
    }

    /** References read to strings not defined in their block: damage before them. */
    public long unknownCount() {
        return unknown;
    }

    /** The id of the last such reference. */
    public long lastUnknownId() {
        return lastUnknownId;
    }
}
