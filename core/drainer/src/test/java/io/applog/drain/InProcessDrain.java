package io.applog.drain;

import java.io.IOException;
import java.nio.file.Path;

/** Drains a queue root once, in this JVM: everything readable now, whatever the window. */
public final class InProcessDrain {
    private InProcessDrain() {
    }

    public static long drain(Path queue, Path logfile, String format) throws IOException {
        try (Drainer d = Drainer.open(new DrainerOptions(queue, logfile, format, 0, false, 100))) {
            d.stop();
            d.run();
            return d.written();
        }
    }
}
