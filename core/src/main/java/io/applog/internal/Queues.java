package io.applog.internal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the Chronicle queues applog uses, with Chronicle kept quiet and private: no
 * analytics, no banner, no disk monitor, nothing written under $HOME.
 */
public final class Queues {
    /** Roll cycle of writer queues; drained cycle files are deleted, so this bounds the ring. */
    public static final String ROLL_CYCLE_PROPERTY = "applog.rollCycle";
    public static final String ROLL_CYCLE_DEFAULT = "FIVE_MINUTELY";

    private Queues() {
    }

    /** Sets Chronicle's switches before any of its classes initialise; explicit settings win. */
    public static void quietChronicle() {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
        setIfAbsent("chronicle.queue.warnSlowAppenderMs", "2000");
        setIfAbsent("jna.tmpdir", System.getProperty("java.io.tmpdir"));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static RollCycle rollCycle(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT);
        for (RollCycles c : RollCycles.values()) {
            if (c.name().equals(key)) {
                return c;
            }
        }
        for (TestRollCycles c : TestRollCycles.values()) {
            if (c.name().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException(ROLL_CYCLE_PROPERTY + "=" + name
                + " (expected a name from RollCycles, e.g. FIVE_MINUTELY or FAST_HOURLY)");
    }

    /** The roll cycle named by the system property, or the default. */
    public static RollCycle configuredRollCycle() {
        return rollCycle(System.getProperty(ROLL_CYCLE_PROPERTY, ROLL_CYCLE_DEFAULT));
    }

    /** A queue this process appends to. */
    public static SingleChronicleQueue forWriting(Path dir, RollCycle rollCycle,
                                                  StoreFileListener listener) {
        quietChronicle();
        return SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle)
                .checkInterrupts(false)
                .storeFileListener(listener)
                .build();
    }

    /** A queue this process only reads (the roll cycle is read from the queue's metadata). */
    public static SingleChronicleQueue forReading(Path dir, StoreFileListener listener) {
        quietChronicle();
        return SingleChronicleQueueBuilder.binary(dir)
                .checkInterrupts(false)
                .storeFileListener(listener)
                .build();
    }
}
