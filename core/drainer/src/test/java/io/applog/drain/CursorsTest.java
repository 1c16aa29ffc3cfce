package io.applog.drain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What two drainers of one queue dir may delete: only what both have checkpointed. */
class CursorsTest {
    @Test
    void shouldLetCyclesGoOnlyBelowWhatEveryDrainerHasSaved() {
        Cursors cursors = Cursors.of(2);
        assertEquals(-1, cursors.savedByAll(0, "w-1", 500), "the other has nothing of it yet");
        assertEquals(200, cursors.savedByAll(1, "w-1", 200), "the other is the slower");
        assertEquals(200, cursors.savedByAll(0, "w-1", 500));
        assertEquals(500, cursors.savedByAll(1, "w-1", 900), "the other is the slower now");
        assertEquals(-1, cursors.savedByAll(1, "w-2", 900), "writers are apart");
    }

    @Test
    void shouldLetTheLastDrainerToFinishAWriterDeleteItAndTheOtherForgetIt() {
        Cursors cursors = Cursors.of(2);
        assertEquals(Cursors.Finish.WAIT, cursors.finish(0, "w-1"));
        assertEquals(Cursors.Finish.WAIT, cursors.finish(0, "w-1"), "asked again on the next pass");
        assertEquals(Cursors.Finish.DELETE, cursors.finish(1, "w-1"));
        assertEquals(Cursors.Finish.WAIT, cursors.finish(0, "w-1"), "not gone until it is deleted");
        cursors.deleted("w-1");
        assertEquals(Cursors.Finish.GONE, cursors.finish(0, "w-1"));
        assertEquals(-1, cursors.savedByAll(0, "w-1", 7), "forgotten by all: a new writer of that name starts anew");
    }

    @Test
    void shouldLeaveALoneDrainerToItsOwnCheckpoint() {
        Cursors alone = Cursors.alone();
        assertEquals(42, alone.savedByAll(0, "w-1", 42));
        assertEquals(Cursors.Finish.DELETE, alone.finish(0, "w-1"));
        assertEquals(Cursors.Finish.DELETE, alone.finish(0, "w-1"));
        assertEquals("count=0 (expected >= 1)",
                assertThrows(IllegalArgumentException.class, () -> Cursors.of(0)).getMessage());
    }
}
