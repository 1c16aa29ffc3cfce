package io.applog.internal;

import io.applog.ApplogSettings;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the Chronicle queues applog uses, with Chronicle kept quiet and private: no
 * analytics, no banner, no disk monitor, nothing written under $HOME.
 */
public final class Queues {
    /** Suffix of Chronicle's cycle files. */
    public static final String CYCLE_SUFFIX = ".cq4";
    private static final List<RollCycle> ALL = allRollCycles();

    private Queues() {
    }

    private static List<RollCycle> allRollCycles() {
        List<RollCycle> all = new ArrayList<>(List.of(RollCycles.values()));
        all.addAll(List.of(TestRollCycles.values()));
        return all;
    }

    /** Sets Chronicle's switches before any of its classes initialise; explicit settings win. */
    public static void quietChronicle() {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
        setIfAbsent("chronicle.queue.warnSlowAppenderMs", "2000");
        setIfAbsent("jna.tmpdir", System.getProperty("java.io.tmpdir"));
        noNativePosix();
    }

    /**
     * Chronicle's optional POSIX bindings (jnr-ffi, which generates native stubs at run time)
     * cost about 100 ms of every JVM's first queue and are never used by applog: no msync, no
     * pretouch through them. Set before Chronicle's first class initialises;
     * {@code -Dapplog.chronicle.posix=true} keeps them. (Thread affinity, which would load JNA
     * as well, is excluded from the dependencies in the build.)
     */
    private static void noNativePosix() {
        if (!ApplogSettings.chroniclePosix()) {
            net.openhft.posix.PosixAPI.useNoOpPosixApi();
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * The roll cycle named {@code name} (case ignored), from Chronicle's {@code RollCycles} or
     * {@code TestRollCycles}: the one factory of roll cycles.
     *
     * @throws IllegalArgumentException {@code applog.rollCycle=<name> (expected ...)}
     */
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
        throw new IllegalArgumentException(ApplogSettings.ROLL_CYCLE + "=" + name
                + " (expected a name from RollCycles, e.g. FIVE_MINUTELY or FAST_HOURLY)");
    }

    /** The roll cycle named by the system property {@code applog.rollCycle}, or the default. */
    public static RollCycle configuredRollCycle() {
        String name = ApplogSettings.rollCycleProperty();
        return rollCycle(name == null ? ApplogSettings.ROLL_CYCLE_DEFAULT : name);
    }

    /**
     * The roll cycle of an existing queue, recognised by its cycle file names (each roll cycle
     * names its files differently: TEST_DAILY and TEST2_DAILY only by a literal digit), so that
     * a reader opens the queue as it was written; null if the directory has no cycle file.
     */
    public static RollCycle rollCycleOf(Path dir) {
        String name = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + CYCLE_SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                name = file.substring(0, file.length() - CYCLE_SUFFIX.length());
                break;
            }
        } catch (IOException e) {
            return null;
        }
        if (name == null) {
            return null;
        }
        String shape = shape(name);
        for (RollCycle c : ALL) {
            if (shape.equals(shape(cycleName(c, 0))) && parses(c, name)) {
                return c;
            }
        }
        return null;
    }

    /** True if {@code name} parses with {@code c}'s file name format, literals included. */
    private static boolean parses(RollCycle c, String name) {
        try {
            DateTimeFormatter.ofPattern(c.format()).withZone(ZoneOffset.UTC).parse(name);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The file name (without suffix) of {@code cycle} in a queue with this roll cycle. */
    public static String cycleName(RollCycle rollCycle, int cycle) {
        return DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli((long) cycle * rollCycle.lengthInMillis()));
    }

    private static String shape(String name) {
        return name.replaceAll("[0-9]", "9");
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

    /**
     * How long a reader waits for the header of a cycle file to be complete. Chronicle's own
     * default (10 s) is for a writer that is still creating the file; a writer killed while
     * creating it never completes it, and a reader that waits 10 s for that on every look
     * stalls every other writer queue behind it. A reader's tailer only reads cycle files (it
     * never creates or replaces one), and one not ready yet is looked at again on the next read.
     */
    public static final long READER_HEADER_WAIT_MS = 100;

    /**
     * A queue this process only reads (the roll cycle is read from the queue's metadata);
     * {@code readOnly} for a reader that must not change a file.
     */
    public static SingleChronicleQueue forReading(Path dir, boolean readOnly) {
        quietChronicle();
        RollCycle rollCycle = rollCycleOf(dir);
        return SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle == null ? configuredRollCycle() : rollCycle)
                .readOnly(readOnly)
                .timeoutMS(READER_HEADER_WAIT_MS)
                .checkInterrupts(false)
                .build();
    }
}
