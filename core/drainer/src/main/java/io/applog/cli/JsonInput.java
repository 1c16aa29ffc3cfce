package io.applog.cli;

import io.applog.Applog;
import io.applog.bridge.ApplogAccess;
import io.applog.record.MutableRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code applog log --input json}: JSON Lines from standard input, one record per line
 * ({@link JsonInputLine}). Empty lines are skipped. A line that is not a valid record becomes
 * one WARN record whose message is the raw line, taken literally, and one line on stderr,
 * {@code applog log: line 7: field "mdc" must be an object}; reading goes on. Such a line counts
 * as written: the command fails only when the queue drops records.
 */
final class JsonInput {
    private JsonInput() {
    }

    /** Reads {@code in} to its end into {@code applog}'s queue; reports bad lines on {@code err}. */
    static void read(BufferedReader in, JsonInputLine lines, Applog applog, PrintStream err) throws IOException {
        final ApplogAccess access = ApplogAccess.get();
        final MutableRecord record = new MutableRecord(); // the writer resets it after each append
        long number = 0;
        for (String line; (line = in.readLine()) != null; ) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            final String problem = lines.fill(line, record);
            if (problem != null) {
                lines.fillInvalid(line, record);
                err.println("applog log: line " + number + ": " + problem);
            }
            access.append(applog, record);
        }
        err.flush();
    }
}
