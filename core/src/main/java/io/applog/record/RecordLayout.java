package io.applog.record;

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
 *   LOG        body: thread str | logger str | template str? | argc sbit | arg*
 *                    | throwable str? | mdc count sbit | (key str, value str)*
 *                    | kv count sbit | (key str, value arg)*
 *   HEARTBEAT  body: dropped total sbit
 *   GOODBYE    body: dropped total sbit; the level byte holds its flags:
 *                    GOODBYE_CLOSED (0) the queue is closed, nothing follows;
 *                    GOODBYE_EXITING (1) the process is exiting, records may follow until it is gone
 *
 *   str  = stop-bit length + UTF-8 (length -1 for null: "str?" may be null)
 *   sbit = stop-bit encoded long
 *   arg  = tag u8 + value: 'S' str | 'N' (null) | 'I' int32 | 'J' int64 | 'D' float64
 *          | 'F' float32 | 'Z' u8 | 'C' u16 | 'B' i8 | 'H' i16
 * </pre>
 * The timestamp is taken after the document is acquired, under the writer's lock, so it never
 * goes backwards within a queue; it is written last, just before the document closes.
 */
public final class RecordLayout {
    public static final int KIND_OFFSET = 0;
    public static final int LEVEL_OFFSET = 1;
    public static final int TIMESTAMP_OFFSET = 2;
    public static final int HEADER_LENGTH = 10;

    public static final byte KIND_HELLO = 'H';
    public static final byte KIND_LOG = 'L';
    public static final byte KIND_HEARTBEAT = 'B';
    public static final byte KIND_GOODBYE = 'G';

    /** GOODBYE flags (its level byte): the writer closed its queue, no record follows. */
    public static final byte GOODBYE_CLOSED = 0;
    /**
     * GOODBYE flags (its level byte): the process is exiting; records logged by other shutdown
     * hooks may follow until the process is gone. Readers of older versions take it as closed.
     */
    public static final byte GOODBYE_EXITING = 1;

    /** Version of the HELLO body; readers skip writers with a newer one. */
    public static final byte LAYOUT_VERSION = 1;

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

    private RecordLayout() {
    }
}
