package io.applog.it;

import io.applog.Applog;
import io.applog.ApplogSettings;
import io.applog.Logger;
import io.applog.bridge.ApplogAccess;
import io.applog.internal.DrainerLockFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Opens applog in drainer mode auto on a new queue dir round after round:
 * {@code RoundsMain <base> <rounds> <records> <inFlight>}. Round r opens {@code <base>/q-r}
 * (logfile {@code <base>/log-r}, timeout 1 s), logs records "w=round-r seq=i", closes, and
 * prints {@code round r: drainers started S, exit E} once the drainer it started has exited
 * (E is -1 if none was started or it did not exit within a minute). At most {@code inFlight}
 * rounds wait for their drainer at once. Odd rounds start on an empty queue dir; even rounds on
 * one that holds the lock file a drainer left behind (that of the last round whose drainer has
 * exited, as a queue dir used before holds it), once there is one.
 */
public final class RoundsMain {
    private RoundsMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        Path base = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int records = Integer.parseInt(args[2]);
        int inFlight = Integer.parseInt(args[3]);
        Deque<Round> waiting = new ArrayDeque<>();
        int finished = 0;
        for (int r = 1; r <= rounds; r++) {
            if (waiting.size() >= inFlight) {
                finished = waiting.removeFirst().report();
            }
            if (r % 2 == 0 && finished > 0) {
                Path queue = Files.createDirectory(base.resolve("q-" + r));
                Files.copy(base.resolve("q-" + finished).resolve(DrainerLockFile.NAME), queue.resolve(DrainerLockFile.NAME));
            }
            ApplogSettings settings = ApplogSettings.builder().queue(base.resolve("q-" + r)).process("round-" + r)
                    .logfile(base.resolve("log-" + r)).timeoutSeconds(1).drainer(ApplogSettings.DrainerMode.AUTO)
                    .build();
            Applog applog = Applog.open(settings);
            Logger log = applog.logger("it.Round");
            for (int i = 1; i <= records; i++) {
                log.info("w={} seq={}", "round-" + r, i);
            }
            applog.close(); // starts a drainer if the first one is gone: counted
            waiting.addLast(new Round(r, ApplogAccess.get().drainerProcess(applog),
                    ApplogAccess.get().drainerStarts(applog)));
        }
        while (!waiting.isEmpty()) {
            waiting.removeFirst().report();
        }
    }

    /** A round whose drainer may still run. */
    private record Round(int round, Process drainer, int starts) {
        /** Waits for the round's drainer, prints the round's line and returns its number. */
        int report() throws InterruptedException {
            int exit = drainer != null && drainer.waitFor(60, TimeUnit.SECONDS) ? drainer.exitValue() : -1;
            System.out.println("round " + round + ": drainers started " + starts + ", exit " + exit);
            System.out.flush();
            return round;
        }
    }
}
