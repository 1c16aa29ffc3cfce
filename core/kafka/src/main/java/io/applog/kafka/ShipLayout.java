package io.applog.kafka;

/**
 * The layout of one Kafka record written by {@code applog ship} (version 1). Its key is the
 * host's name, so that every message of one host goes to one partition, in the order its
 * shipper sent them. Its value is one of two kinds, both starting with the writer's identity
 * (the HELLO of the writer queue plus the host the shipper names; a beat of the host alone has
 * an empty writer, process, pid 0 and start 0):
 *
 * <pre>
 *   0      2         3      4
 *   +------+---------+------+------+--------+---------+-----+-------------+
 *   | 'aL' | version | kind | host | writer | process | pid | start millis|  identity
 *   +------+---------+------+------+--------+---------+-----+-------------+
 *   kind 'R' (records):  prev index | last index | count | count x record
 *   kind 'B' (beat):     host watermark nanos | state ('L' live, 'C' closed, 'D' dead) | dropped
 *
 *   record: index | timestamp nanos | level | flags (1 template, 2 throwable) | thread | logger
 *           | template | argc | argc x arg | [throwable] | mdc count | (key, value)... | kv count | (key, value)...
 * </pre>
 *
 * Numbers are big-endian ({@code long} 8 bytes, {@code int} 4, level and flags 1 byte, the
 * level being {@link io.applog.Level#code()}); a string is its length in bytes ({@code int})
 * and its UTF-16 units each as 1 to 3 bytes (CESU-8: a supplementary character takes two
 * 3-byte units), so that any Java string, a lone surrogate included, arrives as it was sent.
 *
 * <p>{@code index} is the record's index in its writer queue: monotone per writer, it is the
 * writer's sequence. {@code prev index} is the index of the record the shipper sent just before
 * this message's first one, or -1 when this is the first message of the writer since the
 * shipper (re)started; {@code last index} is the index of the message's last record. The
 * collector uses both to write each record exactly once ({@code README-kafka.md}).
 *
 * <p>A beat's {@code host watermark} says that every record of this host sent after the beat,
 * of any writer (one not known yet included), is at least this old: the collector writes a
 * record only once every host's watermark has passed it.
 */
public final class ShipLayout {
    /** The first two bytes of every value: a message of another producer is skipped with a warning. */
    public static final short MAGIC = 0x614C; // "aL"
    public static final byte VERSION = 1;
    public static final byte KIND_RECORDS = 'R';
    public static final byte KIND_BEAT = 'B';
    public static final byte STATE_LIVE = 'L';
    public static final byte STATE_CLOSED = 'C';
    public static final byte STATE_DEAD = 'D';
    public static final byte FLAG_TEMPLATE = 1;
    public static final byte FLAG_THROWABLE = 2;
    /** No record was sent before this message since the shipper started. */
    public static final long PREV_UNKNOWN = -1;
    /** A records message is sent once it holds this many bytes (Kafka's default limit is 1 MiB). */
    public static final int MESSAGE_BYTES = 256 * 1024;

    private ShipLayout() {
    }
}
