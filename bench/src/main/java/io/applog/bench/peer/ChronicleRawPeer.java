package io.applog.bench.peer;

import io.applog.Level;
import io.applog.bench.Jvm;
import io.applog.record.RecordLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor under applog: the bytes of an applog LOG record (same layout, same fields, see
 * {@link RecordLayout}) appended with {@code writingDocument()} straight to a Chronicle Queue
 * of the same roll cycle, without applog's lock, argument capture, level check or drop
 * counting. Each thread has its own appender; Chronicle's own write lock orders them. There
 * is no consumer and no text file.
 */
final class ChronicleRawPeer implements Peer {
    private static final byte INFO = Level.INFO.code();

    private SingleChronicleQueue queue;
    private long epochOffset;

    @Override
    public String name() {
        return Peers.CHRONICLE_RAW;
    }

    @Override
    public void open(Path dir) {
        Peers.useSlf4jProvider(Jvm.NOP_PROVIDER);
        queue = SingleChronicleQueueBuilder.binary(dir.resolve("queue"))
                .rollCycle(RollCycles.FIVE_MINUTELY)
                .checkInterrupts(false)
                .build();
        epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    }

    @Override
    public Writer writer() {
        return new RawWriter(queue.createAppender(), epochOffset);
    }

    @Override
    public Path logfile() {
        return null;
    }

    @Override
    public void close() {
        queue.close();
    }

    /**
     * Writes what applog's writer writes: layout-2 LOG records whose thread, logger and
     * template are defined at this thread's first record in each block and referred to by id
     * after that. Threads share the queue's blocks, so each takes ids of its own (three from
     * {@code 3 * thread number + 1}) instead of sharing applog's table.
     */
    private static final class RawWriter implements Writer {
        private static final AtomicInteger THREADS = new AtomicInteger();
        private final ExcerptAppender appender;
        private final RollCycle rollCycle;
        private final long epochOffset;
        private final int firstId = 3 * THREADS.getAndIncrement() + 1;
        private long last;
        private long blockStart = 1;
        private long blockEnd;

        RawWriter(ExcerptAppender appender, long epochOffset) {
            this.appender = appender;
            this.rollCycle = appender.queue().rollCycle();
            this.epochOffset = epochOffset;
        }

        @Override
        public void log(int number, String name) {
            final String thread = Thread.currentThread().getName();
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> bytes = dc.wire().bytes();
                long now = System.nanoTime() + epochOffset;
                if (now < last) {
                    now = last;
                }
                last = now;
                bytes.writeByte(RecordLayout.KIND_LOG);
                bytes.writeByte(INFO);
                bytes.writeLong(now);
                final long index = dc.index();
                if (index >= blockStart && index < blockEnd) {
                    bytes.writeStopBit(firstId);
                    bytes.writeStopBit(firstId + 1);
                    bytes.writeStopBit(firstId + 2);
                } else {
                    blockStart = RecordLayout.blockStart(rollCycle, index);
                    blockEnd = RecordLayout.blockEnd(rollCycle, blockStart);
                    bytes.writeStopBit(-firstId);
                    bytes.writeUtf8(thread);
                    bytes.writeStopBit(-(firstId + 1));
                    bytes.writeUtf8(Message.LOGGER);
                    bytes.writeStopBit(-(firstId + 2));
                    bytes.writeUtf8(Message.TEMPLATE);
                }
                bytes.writeStopBit(2);
                bytes.writeByte(RecordLayout.ARG_INT);
                bytes.writeInt(number);
                bytes.writeByte(RecordLayout.ARG_STRING);
                bytes.writeUtf8(name);
                bytes.writeStopBit(-1);
                bytes.writeStopBit(0);
                bytes.writeStopBit(0);
            }
        }
    }
}
