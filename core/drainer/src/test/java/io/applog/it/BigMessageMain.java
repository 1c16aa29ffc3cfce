package io.applog.it;

import io.applog.Applog;
import io.applog.Logger;
import io.applog.internal.Queues;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/**
 * A writer process logging records far larger than a queue block between small ones:
 * {@code queue process}. Prints "blockSize=N" (the block size Chronicle maps here) first and
 * "dropped=N" last; exits 3, naming it on stderr, if a logging call threw.
 */
public final class BigMessageMain {
    /** Below the field limit: kept whole. 300,000 chars, 1 MB of UTF-8 (3- and 4-byte). */
    static final String WHOLE = "日本語😀".repeat(60_000);
    /**
     * A 10 MiB message of 1-, 2- and 4-byte chars: cut at 1,048,576 chars, where char 1,048,575
     * is the first half of a surrogate pair (so the cut moves one char back).
     */
    static final String HUGE = "😀abé".repeat(10 * 1024 * 1024 / 5);
    /** Four arguments of 2 M chars of 3-byte UTF-8: the largest record (the 4 M chars budget), 12 MB. */
    static final String ARG = "語".repeat(2 * 1024 * 1024);
    static final int AFTER = 100;

    private BigMessageMain() {
    }

    public static void main(String[] args) {
        Path queue = Path.of(args[0]);
        System.out.println("blockSize=" + SingleChronicleQueueBuilder.binary(queue)
                .rollCycle(Queues.configuredRollCycle()).blockSize());
        Applog applog = WriterMain.open(queue, args[1]);
        Logger log = applog.logger("it.Big");
        try {
            log.info("before");
            log.info(WHOLE);
            log.info(HUGE);
            log.info("{} {} {} {}", ARG, ARG, ARG, ARG);
            for (int i = 1; i <= AFTER; i++) {
                log.info("after {}", i);
            }
        } catch (Throwable t) {
            System.err.println("a logging call threw " + t);
            System.exit(3);
        }
        System.out.println("dropped=" + applog.dropped());
        applog.close();
    }
}
