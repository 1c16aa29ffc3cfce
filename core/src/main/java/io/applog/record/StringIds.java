package io.applog.record;

import net.openhft.chronicle.queue.RollCycle;

import static io.applog.record.RecordLayout.MAX_STRING_IDS;

/**
 * A writer's string ids for the block it writes in ({@link RecordLayout}): which thread,
 * logger and template strings a record of this block has already defined, and their ids.
 *
 * <p>An open-addressing table of fixed size, so that finding and adding a string allocate
 * nothing. Strings are compared with {@link String#equals}, which for the strings a program
 * logs with again and again (literals, a logger's name, a thread's name) is an identity check
 * and a cached hash; a string made anew per call (a template from JSON input) still finds the
 * id an equal one got. One instance per writer, used under the writer's lock.
 */
final class StringIds {
    /** Four times the ids, a power of two: probes stay short even when every id is given. */
    private static final int SLOTS = Integer.highestOneBit(MAX_STRING_IDS) << 2;
    private static final int MASK = SLOTS - 1;

    private final String[] keys = new String[SLOTS];
    private final int[] ids = new int[SLOTS];
    /** The slot of each id given, so that forgetting touches only those. */
    private final int[] slotOfId = new int[MAX_STRING_IDS + 1];
    private int lastId;
    private long blockStart = 1;
    private long blockEnd;

    /**
     * Moves to the block of {@code index}, forgetting every id when that is another block than
     * the one of the previous record.
     */
    void enter(RollCycle rollCycle, long index) {
        if (index >= blockStart && index < blockEnd) {
            return;
        }
        blockStart = RecordLayout.blockStart(rollCycle, index);
        blockEnd = RecordLayout.blockEnd(rollCycle, blockStart);
        forget();
    }

    /**
     * Makes room for {@code n} new ids: when fewer are left below
     * {@link RecordLayout#LONG_STRING_ID}, ids start again from 1.
     */
    void reserve(int n) {
        if (lastId + n >= RecordLayout.LONG_STRING_ID) {
            forget();
        }
    }

    /** The id of {@code s} in this block, or 0 if it has none (yet). */
    int find(String s) {
        final String[] k = keys;
        for (int slot = s.hashCode() & MASK; ; slot = (slot + 1) & MASK) {
            final String key = k[slot];
            if (key == null) {
                return 0;
            }
            if (key.equals(s)) {
                return ids[slot];
            }
        }
    }

    /** Gives {@code s} (not yet known, see {@link #find}) the next id, after a {@link #reserve}. */
    int add(String s) {
        final int id = ++lastId;
        int slot = s.hashCode() & MASK;
        while (keys[slot] != null) {
            slot = (slot + 1) & MASK;
        }
        keys[slot] = s;
        ids[slot] = id;
        slotOfId[id] = slot;
        return id;
    }

    /**
     * Forgets every id (the next is 1 again): at a new block, when the ids are used up, and
     * after a record that defined some could not be written.
     */
    void forget() {
        final String[] k = keys;
        final int[] slots = slotOfId;
        for (int id = lastId; id > 0; id--) {
            k[slots[id]] = null;
        }
        lastId = 0;
    }
}
