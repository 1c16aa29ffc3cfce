package io.applog.record;

import io.applog.Level;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bytes of a LOG record with string ids (layout 2) against layout 1, and what a reader
 * makes of ids: known in the block, forgotten at the next block, defined again, or unknown.
 */
class StringRefsTest {
    private static final RollCycle CYCLE = RollCycles.FAST_DAILY;
    /** An index inside a block, not its first. */
    private static final long INDEX = CYCLE.toIndex(20_000, 3 * RecordLayout.BLOCK_RECORDS + 7);

    /** The benchmark's call: {@code info("order {} for {}", int, "alice")} of bench.Orders on thread main. */
    private static MutableRecord benchCall() {
        return new MutableRecord().level(Level.INFO).thread("main").logger("bench.Orders").template("order {} for {}")
                .argument(42).argument("alice");
    }

    /** Bytes of one LOG record, header included, as {@code encoder} writes it at {@code index} (-1: layout 1). */
    private static int encodedLength(RecordEncoder encoder, MutableRecord record, long index) {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(128);
        encoder.header(bytes, index < 0 ? RecordLayout.KIND_LOG_V1 : RecordLayout.KIND_LOG, Level.INFO.code());
        if (index < 0) {
            encoder.logV1(bytes, record);
        } else {
            encoder.log(bytes, record, index);
        }
        encoder.timestamp(bytes, 1L);
        return (int) bytes.writePosition();
    }

    @Test
    void shouldEncodeTheBenchCallIn30BytesOnceItsStringsAreDefinedAgainst61InLayout1() {
        RecordEncoder encoder = new RecordEncoder(CYCLE);
        // header 10 | thread 1+4 | logger 1+12 | template 1+15 | argc 1 | 'I' 4 | 'S' 1+5 | throwable 2 | mdc 1 | kv 1
        assertEquals(61, encodedLength(encoder, benchCall(), -1), "layout 1");
        // the same, each string after a 2-byte definition of its id
        assertEquals(67, encodedLength(encoder, benchCall(), INDEX), "layout 2, first use in the block");
        // header 10 | 3 ids of 1 byte | the same 17 bytes of arguments, throwable, mdc and kv
        assertEquals(30, encodedLength(encoder, benchCall(), INDEX + 1), "layout 2, later use");
        assertEquals(30, encodedLength(encoder, benchCall(), INDEX + 2000), "layout 2, later use");
        assertEquals(67, encodedLength(encoder, benchCall(), INDEX - 8), "layout 2, first use in another block");
    }

    @Test
    void shouldWriteALongStringInFullAtEachUseAndReadIt() {
        RecordEncoder encoder = new RecordEncoder(CYCLE);
        String kept = "k".repeat(RecordLayout.MAX_KEPT_CHARS);
        String longer = "x".repeat(RecordLayout.MAX_KEPT_CHARS + 1);
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(1024);
        long[] lengths = new long[2];
        for (int i = 0; i < 2; i++) {
            long start = bytes.writePosition();
            encoder.header(bytes, RecordLayout.KIND_LOG, Level.INFO.code());
            encoder.log(bytes, new MutableRecord().thread(kept).logger("l").template(longer), INDEX + i);
            encoder.timestamp(bytes, 1L);
            lengths[i] = bytes.writePosition() - start;
        }
        assertTrue(lengths[1] > RecordLayout.HEADER_LENGTH + longer.length(), "the long one again in full");
        // thread: a 2-byte definition, 2 bytes of length and 256 chars, then 1 byte; logger: 2 + 1 + 1, then 1
        assertEquals(lengths[0] - (2 + 2 + 256) - (2 + 1 + 1) + 1 + 1, lengths[1]);
        RecordDecoder decoder = new RecordDecoder(true, false);
        StringTable strings = new StringTable(CYCLE);
        for (int i = 0; i < 2; i++) {
            assertEquals(List.of(kept, "l", longer), decode(decoder, strings, bytes, INDEX + i));
        }
        assertEquals(0, strings.unknownCount());
    }

    /** A LOG record of layout 2 whose thread, logger and template are the refs given (strings after definitions). */
    private static Bytes<?> refs(Object... fields) {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeByte(RecordLayout.KIND_LOG).writeByte(Level.WARN.code()).writeLong(1L);
        for (Object f : fields) {
            if (f instanceof String) {
                bytes.writeUtf8((String) f);
            } else {
                bytes.writeStopBit((Integer) f);
            }
        }
        bytes.writeStopBit(0); // no argument
        bytes.writeStopBit(-1); // no throwable
        bytes.writeStopBit(0).writeStopBit(0); // no MDC, no key-values
        return bytes;
    }

    /** Decodes {@code record} at {@code index} with {@code strings}: thread, logger, template (null if none). */
    private static List<String> decode(RecordDecoder decoder, StringTable strings, Bytes<?> record, long index) {
        DecodedRecord e = new DecodedRecord();
        assertEquals(RecordLayout.KIND_LOG, decoder.header(record));
        strings.enter(index);
        decoder.log(record, e, strings);
        e.decodePlain();
        return Arrays.asList(e.thread.toString(), e.logger.toString(),
                e.hasTemplate ? e.template.toString() : null);
    }

    @Test
    void shouldReadAnIdNotDefinedInItsBlockAsACountedPlaceholder() {
        for (boolean plain : new boolean[] {false, true}) {
            RecordDecoder decoder = new RecordDecoder(plain, false);
            StringTable strings = new StringTable(CYCLE);
            Bytes<?> record = refs(7, -1, "x.Logger", 3);
            assertEquals(List.of("<applog: unknown string #7>", "x.Logger", "<applog: unknown string #3>"),
                    decode(decoder, strings, record, INDEX));
            assertEquals(0, record.readRemaining(), "the whole record is read");
            assertEquals(2, strings.unknownCount(), "counted once each, plain: " + plain);
            assertEquals(3, strings.lastUnknownId());
            assertEquals(List.of("x.Logger", "x.Logger", "<applog: unknown string #" + Integer.MAX_VALUE + ">"),
                    decode(decoder, strings, refs(1, 1, Integer.MAX_VALUE), INDEX + 1), "beyond any id: unknown");
            assertEquals(3, strings.unknownCount());
        }
    }

    @Test
    void shouldForgetIdsAtTheNextBlockAndTakeTheLatestDefinition() {
        RecordDecoder decoder = new RecordDecoder(true, false);
        StringTable strings = new StringTable(CYCLE);
        assertEquals(List.of("main", "a.B", "tpl"), decode(decoder, strings, refs(-1, "main", -2, "a.B", -3, "tpl"), INDEX));
        assertEquals(List.of("main", "a.B", "tpl"), decode(decoder, strings, refs(1, 2, 3), INDEX + 100));
        assertEquals(Arrays.asList("other", "a.B", null), decode(decoder, strings, refs(-1, "other", 2, 0), INDEX + 101),
                "a later definition of an id replaces the earlier; 0 is null");
        assertEquals(0, strings.unknownCount());
        long nextBlock = RecordLayout.blockEnd(CYCLE, RecordLayout.blockStart(CYCLE, INDEX));
        assertEquals(nextBlock, INDEX - 7 + RecordLayout.BLOCK_RECORDS);
        assertEquals(List.of("<applog: unknown string #1>", "<applog: unknown string #2>", "<applog: unknown string #3>"),
                decode(decoder, strings, refs(1, 2, 3), nextBlock));
        assertEquals(List.of("t", "<applog: unknown string #2>", "<applog: unknown string #3>"),
                decode(decoder, strings, refs(-1, "t", 2, 3), CYCLE.toIndex(20_001, 0)), "a new cycle, a new block");
    }

    @Test
    void shouldStartBlocksAtMultiplesOfTheBlockSizeWithinACycle() {
        long cycleStart = CYCLE.toIndex(20_000, 0);
        assertEquals(cycleStart, RecordLayout.blockStart(CYCLE, cycleStart + RecordLayout.BLOCK_RECORDS - 1));
        assertEquals(cycleStart + RecordLayout.BLOCK_RECORDS,
                RecordLayout.blockStart(CYCLE, cycleStart + RecordLayout.BLOCK_RECORDS));
        assertEquals(cycleStart + RecordLayout.BLOCK_RECORDS, RecordLayout.blockEnd(CYCLE, cycleStart));
        for (RollCycles c : RollCycles.values()) {
            assertEquals(0, RecordLayout.BLOCK_RECORDS % c.defaultIndexSpacing(), c + ": a block starts at an indexed record");
        }
        assertFalse(RecordLayout.blockStart(CYCLE, INDEX) == INDEX);
    }
}
