package io.applog.drain;

import io.applog.Level;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.record.RecordDecoder;
import io.applog.record.RecordEncoder;
import io.applog.record.MutableRecord;
import io.applog.record.RecordLayout;
import io.applog.writer.WriterDirectory;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.applog.drain.WriterSource.State.CLOSED;
import static io.applog.drain.WriterSource.State.DEAD;
import static io.applog.drain.WriterSource.State.EXITING;
import static io.applog.drain.WriterSource.State.LIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A writer's lifecycle: one enum, changed only by its writer source, from what is read and checked. */
class WriterStateTest {
    /** Above pid_max: no such process. */
    private static final long GONE_PID = 4_194_304 + 23;
    private static final long TIMEOUT_NANOS = 5_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void shouldMoveOnlyAlongTheDocumentedTransitions() {
        assertEquals(List.of(CLOSED, CLOSED, CLOSED, CLOSED), List.of(LIVE.goodbyeRead(false),
                EXITING.goodbyeRead(false), DEAD.goodbyeRead(false), CLOSED.goodbyeRead(false)));
        assertEquals(List.of(EXITING, EXITING, CLOSED, CLOSED), List.of(LIVE.goodbyeRead(true),
                EXITING.goodbyeRead(true), DEAD.goodbyeRead(true), CLOSED.goodbyeRead(true)));
        assertEquals(List.of(DEAD, CLOSED, DEAD, CLOSED), List.of(LIVE.processGone(), EXITING.processGone(),
                DEAD.processGone(), CLOSED.processGone()));
        assertEquals(List.of(false, false, true, true), List.of(LIVE.ended(), EXITING.ended(), DEAD.ended(),
                CLOSED.ended()));
    }

    @Test
    void shouldReadRecordsAfterAnExitingGoodbyeAndEndOnlyOnceTheProcessIsGone() throws Exception {
        ProcessIdentity me = ProcessIdentity.current();
        try (QueueFixture alive = new QueueFixture(tmp, me.pid(), me.startMillis());
             QueueFixture gone = new QueueFixture(tmp, GONE_PID, 1_000);
             WriterSet set = new WriterSet(tmp, null, true, new RecordDecoder())) {
            alive.goodbye(RecordLayout.GOODBYE_EXITING);
            alive.log("from a shutdown hook");
            gone.goodbye(RecordLayout.GOODBYE_EXITING);
            gone.log("last words");
            assertEquals(2, set.scan());
            WriterSource aliveSource = source(set, alive);
            WriterSource goneSource = source(set, gone);
            set.fill();
            assertEquals(List.of(EXITING, EXITING), List.of(aliveSource.state(), goneSource.state()));
            assertEquals("from a shutdown hook", aliveSource.head().template.toString());
            assertEquals("last words", goneSource.head().template.toString());
            aliveSource.advance();
            goneSource.advance();
            assertEquals(List.of(false, false), List.of(set.readToEnd(aliveSource), set.readToEnd(goneSource)),
                    "an exiting writer may append more");

            assertTrue(set.checkLiveness(System.nanoTime(), TIMEOUT_NANOS), "this process is alive: still exiting");
            assertEquals(List.of(EXITING, CLOSED), List.of(aliveSource.state(), goneSource.state()));
            assertEquals(List.of(false, true), List.of(set.readToEnd(aliveSource), set.readToEnd(goneSource)));
            assertFalse(set.noneLive());

            alive.goodbye(RecordLayout.GOODBYE_CLOSED);
            set.fill();
            assertEquals(CLOSED, aliveSource.state(), "a final GOODBYE after an exiting one closes it");
            assertTrue(set.noneLive());
        }
    }

    @Test
    void shouldGoFromLiveToClosedWhenItsGoodbyeIsRead() throws Exception {
        ProcessIdentity me = ProcessIdentity.current();
        try (QueueFixture q = new QueueFixture(tmp, me.pid(), me.startMillis());
             WriterSource s = WriterSource.open(q.dir, -1, null, true)) {
            q.marker(RecordLayout.KIND_HEARTBEAT, 2);
            RecordDecoder decoder = new RecordDecoder();
            assertFalse(s.fill(decoder, System.nanoTime()));
            assertEquals(LIVE, s.state());
            assertEquals("it", s.hello().process());
            assertTrue(s.checkAlive(System.nanoTime(), TIMEOUT_NANOS), "this process is alive");
            assertEquals(LIVE, s.state());

            q.marker(RecordLayout.KIND_GOODBYE, 3);
            assertFalse(s.fill(decoder, System.nanoTime()));
            assertEquals(CLOSED, s.state());
            assertEquals(3, s.dropped());
            assertFalse(s.checkAlive(System.nanoTime(), TIMEOUT_NANOS), "a closed writer is not live");
            assertEquals(CLOSED, s.state());
        }
    }

    @Test
    void shouldGoFromLiveToDeadWhenItsProcessIsGoneAndToClosedIfAGoodbyeIsReadLater() throws Exception {
        try (QueueFixture q = new QueueFixture(tmp, GONE_PID, 1_000);
             WriterSource s = WriterSource.open(q.dir, -1, null, true)) {
            RecordDecoder decoder = new RecordDecoder();
            assertFalse(s.fill(decoder, System.nanoTime()));
            assertEquals(LIVE, s.state());
            assertFalse(s.checkAlive(System.nanoTime(), TIMEOUT_NANOS));
            assertEquals(DEAD, s.state());

            q.marker(RecordLayout.KIND_GOODBYE, 0);
            assertFalse(s.fill(decoder, System.nanoTime()));
            assertEquals(CLOSED, s.state());
        }
    }

    @Test
    void shouldCountAWriterReadToItsEndOnlyOnceItHasEnded() throws Exception {
        ProcessIdentity me = ProcessIdentity.current();
        try (QueueFixture live = new QueueFixture(tmp, me.pid(), me.startMillis());
             QueueFixture gone = new QueueFixture(tmp, GONE_PID, 1_000);
             WriterSet set = new WriterSet(tmp, null, true, new RecordDecoder())) {
            assertEquals(2, set.scan());
            set.fill();
            assertTrue(set.checkLiveness(System.nanoTime(), TIMEOUT_NANOS), "one writer is live");
            WriterSource liveSource = source(set, live);
            WriterSource goneSource = source(set, gone);
            assertEquals(List.of(LIVE, DEAD), List.of(liveSource.state(), goneSource.state()));
            assertFalse(set.noneLive());
            assertEquals(List.of(false, true), List.of(set.readToEnd(liveSource), set.readToEnd(goneSource)));

            live.marker(RecordLayout.KIND_GOODBYE, 0);
            assertFalse(set.readToEnd(liveSource), "live until its GOODBYE is read");
            set.fill();
            assertEquals(CLOSED, liveSource.state());
            assertTrue(set.readToEnd(liveSource));
            assertTrue(set.noneLive());
            assertFalse(set.checkLiveness(System.nanoTime(), TIMEOUT_NANOS));
        }
    }

    @Test
    void shouldCountAWriterDirectoryWaitingForItsQueueAsLive() throws Exception {
        java.nio.file.Files.createDirectory(tmp.resolve(WriterDirectory.name(GONE_PID, 1_000, 0)));
        try (WriterSet set = new WriterSet(tmp, null, true, new RecordDecoder())) {
            assertEquals(0, set.scan());
            assertEquals(List.of(), set.sources());
            assertFalse(set.noneLive(), "its process is starting: the drainer must not exit");
            assertTrue(set.checkLiveness(System.nanoTime(), TIMEOUT_NANOS));
        }
    }

    private static WriterSource source(WriterSet set, QueueFixture q) {
        return set.sources().stream().filter(s -> s.name().equals(q.dir.getFileName().toString())).findFirst()
                .orElseThrow();
    }

    /** A writer queue of process {@code pid}: its HELLO, then what a test appends. */
    private static final class QueueFixture implements AutoCloseable {
        final Path dir;
        private final SingleChronicleQueue queue;
        private final ExcerptAppender appender;
        private final RecordEncoder encoder = new RecordEncoder(RollCycles.FIVE_MINUTELY);

        QueueFixture(Path root, long pid, long startMillis) {
            this.dir = root.resolve(WriterDirectory.name(pid, startMillis, 9));
            this.queue = Queues.forWriting(dir, RollCycles.FIVE_MINUTELY, (cycle, file) -> { });
            this.appender = queue.createAppender();
            ProcessIdentity me = ProcessIdentity.current();
            try (DocumentContext dc = appender.writingDocument()) {
                encoder.header(dc.wire().bytes(), RecordLayout.KIND_HELLO, (byte) 0);
                encoder.hello(dc.wire().bytes(), "it", pid, startMillis, me.host(), me.pidNamespace(), "test");
                encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
            }
        }

        /** Appends a HEARTBEAT or GOODBYE carrying a dropped-records count. */
        void marker(byte kind, long dropped) {
            marker(kind, (byte) 0, dropped);
        }

        /** Appends a GOODBYE with {@code flags}. */
        void goodbye(byte flags) {
            marker(RecordLayout.KIND_GOODBYE, flags, 0);
        }

        /** Appends an INFO record. */
        void log(String message) {
            try (DocumentContext dc = appender.writingDocument()) {
                encoder.header(dc.wire().bytes(), RecordLayout.KIND_LOG, Level.INFO.code());
                encoder.log(dc.wire().bytes(), new MutableRecord().level(Level.INFO).thread("main")
                        .logger("it.State").template(message), dc.index());
                encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
            }
        }

        private void marker(byte kind, byte flags, long dropped) {
            try (DocumentContext dc = appender.writingDocument()) {
                encoder.header(dc.wire().bytes(), kind, flags);
                encoder.counter(dc.wire().bytes(), dropped);
                encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
            }
        }

        @Override
        public void close() {
            appender.close();
            queue.close();
        }
    }
}
