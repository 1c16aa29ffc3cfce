package io.applog.record;

import net.openhft.chronicle.queue.RollCycle;

/**
 * The binary layout of every record a writer appends to its queue. Writer and reader both
 * use these constants; nothing else knows the layout.
 *
 * <p>Each record is one Chronicle document of raw bytes (never a typed object):
 * <pre>
 *   0        1        2                                  10
 *   +--------+--------+----------------------------------+------------------------ ...
 *   |  kind  | level  | timestamp: epoch nanos (int64 LE) | body, by kind
 *   +--------+--------+----------------------------------+------------------------ ...
 *
 *   HELLO      body: layout version u8 | process str | pid sbit | start millis sbit | host str
 *                    | pid namespace str | applog version str
 *   LOG        body: thread ref | logger ref | template ref | argc sbit | arg*        (layout 2)
 *                    | throwable str? | mdc count sbit | (key str, value str)*
 *                    | kv count sbit | (key str, value arg)*
 *   LOG_V1     body: thread str | logger str | template str? | then as LOG            (layout 1)
 *   HEARTBEAT  body: dropped total sbit
 *   GOODBYE    body: dropped total sbit; the level byte holds its flags:
 *                    GOODBYE_CLOSED (0) the queue is closed, nothing follows;
 *                    GOODBYE_EXITING (1) the process is exiting, records may follow until it is gone
 *
 *   str  = stop-bit length + UTF-8 (length -1 for null: "str?" may be null)
 *   sbit = stop-bit encoded long
 *   ref  = sbit n: 0 null | n &gt; 0 the string of id n | n &lt; 0 defines id -n as the str that follows
 *   arg  = tag u8 + value: 'S' str | 'N' (null) | 'I' int32 | 'J' int64 | 'D' float64
 *          | 'F' float32 | 'Z' u8 | 'C' u16 | 'B' i8 | 'H' i16
 * </pre>
 * The timestamp is taken after the document is acquired, under the writer's lock, so it never
 * goes backwards within a queue; it is written last, just before the document closes.
 *
 * <p>String ids (layout 2): thread, logger and template repeat from record to record, so a
 * writer writes each once per <em>block</em> and then only its id. A block is
 * {@link #BLOCK_RECORDS} consecutive indexes of one cycle ({@link #blockStart}); the writer's
 * ids start again from 1 at every block, so a record only ever refers to strings defined
 * earlier in its own block, at their first use there. This bounds what a reader must read to
 * resume at any index (from its block's start, the definitions only), and a cycle file deleted
 * once drained never holds a definition a later record needs. A writer may also start its ids
 * again within a block (a record that could not be written, or {@link #MAX_STRING_IDS} used up):
 * a later definition of an id replaces the earlier one. A string longer than
 * {@link #MAX_KEPT_CHARS} is written in full at each use. A reference to an id not defined in
 * its block (the record defining it unreadable) is read as {@link #unknownString}.
 */
public final class RecordLayout {
    public static final int KIND_OFFSET = 0;
    public static final int LEVEL_OFFSET = 1;
    public static final int TIMESTAMP_OFFSET = 2;
    public static final int HEADER_LENGTH = 10;

    public static final byte KIND_HELLO = 'H';
    /** A LOG record of layout 2: thread, logger and template as string ids ({@code ref}). */
    public static final byte KIND_LOG = 'R';
    /**
     * A LOG record of layout 1, each string in full: what writers before layout 2 wrote (and
     * the raw-append benchmark writes). Readers read both.
     */
    public static final byte KIND_LOG_V1 = 'L';
    public static final byte KIND_HEARTBEAT = 'B';
    public static final byte KIND_GOODBYE = 'G';

    /** GOODBYE flags (its level byte): the writer closed its queue, no record follows. */
    public static final byte GOODBYE_CLOSED = 0;
    /**
     * GOODBYE flags (its level byte): the process is exiting; records logged by other shutdown
     * hooks may follow until the process is gone. Readers of older versions take it as closed.
     */
    public static final byte GOODBYE_EXITING = 1;

    /**
     * Version of the layout the writer writes (in its HELLO); readers skip writers with a newer
     * one. 2: LOG records refer to strings by id. The kind byte tells each record's body apart,
     * as a reader that resumes from a checkpoint may never see the HELLO (its cycle deleted).
     */
    public static final byte LAYOUT_VERSION = 2;

    /**
     * Indexes per block of string ids. A power of two, and a multiple of every roll cycle's
     * index spacing (at most 256), so that a block starts at a record Chronicle's index holds
     * and a reader reaches it without a scan. 4096: a resuming reader reads at most 4,095
     * records' first fields (a few hundred microseconds), while the definitions a busy writer
     * repeats per block cost it about 0.03 bytes per record for each string it uses.
     */
    public static final int BLOCK_RECORDS = 4096;
    /** The {@code ref} of a null string. */
    public static final int NULL_STRING = 0;
    /** Highest string id: a writer that has used the others starts again from 1 within the block. */
    public static final int MAX_STRING_IDS = 1024;
    /**
     * Longest string (in chars) that a writer gives an id to keep: a longer one (a message
     * built into its template, say) is defined again at each use, always as
     * {@link #LONG_STRING_ID}, which no record refers to. So neither a writer nor a reader holds
     * more than about 1,023 x 256 chars of strings for a queue, however large what is logged.
     */
    public static final int MAX_KEPT_CHARS = 256;
    /** The id of every string longer than {@link #MAX_KEPT_CHARS}: defined at each use, never referred to. */
    public static final int LONG_STRING_ID = MAX_STRING_IDS;

    public static final byte ARG_STRING = 'S';
    public static final byte ARG_NULL = 'N';
    public static final byte ARG_INT = 'I';
    public static final byte ARG_LONG = 'J';
    public static final byte ARG_DOUBLE = 'D';
    public static final byte ARG_FLOAT = 'F';
    public static final byte ARG_BOOLEAN = 'Z';
    public static final byte ARG_CHAR = 'C';
    public static final byte ARG_BYTE = 'B';
    public static final byte ARG_SHORT = 'H';

    /**
     * Longest string field kept, in chars: a longer message, argument or stack trace is cut
     * here and ends with {@link #TRUNCATED_MARKER} and the number of chars dropped.
     */
    public static final int MAX_FIELD_CHARS = 1 << 20;
    /** Budget of chars for all string fields of one record together. */
    public static final int MAX_RECORD_CHARS = 4 << 20;
    public static final String TRUNCATED_MARKER = "...[applog: truncated ";
    /**
     * Key of the key-value pair that carries a record's markers (their names joined by commas):
     * a record has no field of its own for them, so a bridge puts them first among the key-values.
     */
    public static final String MARKER_KEY = "marker";

    /**
     * First index of the block of {@code index}: the index rounded down to a multiple of
     * {@link #BLOCK_RECORDS}, and never before the start of its cycle.
     */
    public static long blockStart(RollCycle rollCycle, long index) {
        return Math.max(rollCycle.toIndex(rollCycle.toCycle(index), 0), index & -BLOCK_RECORDS);
    }

    /** First index after the block that starts at {@code blockStart}. */
    public static long blockEnd(RollCycle rollCycle, long blockStart) {
        return Math.min(rollCycle.toIndex(rollCycle.toCycle(blockStart) + 1, 0),
                (blockStart & -BLOCK_RECORDS) + BLOCK_RECORDS);
    }

    /** What a reader shows for a reference to string {@code id} not defined in its block. */
    public static String unknownString(long id) {
        return "<applog: unknown string #" + id + ">";
    }

    private RecordLayout() {
    }
}
