package io.applog.drain;

import java.nio.file.Path;

/**
 * Where {@code applog collect} (module {@code core/kafka}) keeps its state beside the logfile
 * it writes: the directory {@code <logfile>.collector} with its lock, its checkpoint and the
 * stats it rewrites every second, which {@code applog stats --collector LOGFILE} prints
 * without a Kafka class.
 */
public final class CollectorFiles {
    /** The stats file in the state directory: plain text, ready to print. */
    public static final String STATS = "collector.stats";

    private CollectorFiles() {
    }

    /** The directory holding a collector's lock, checkpoint and stats for {@code logfile}. */
    public static Path stateDir(Path logfile) {
        return logfile.toAbsolutePath().resolveSibling(logfile.getFileName() + ".collector");
    }
}
