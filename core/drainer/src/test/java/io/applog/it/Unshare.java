package io.applog.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What this machine lets the tests do with Linux namespaces (unshare(1)): mostly root only.
 * A test that cannot run here is skipped with one of the reasons below (JUnit assumptions), and
 * {@code .ci/run} prints every skipped test with its reason.
 */
final class Unshare {
    /** Why a test that fills a small disk is skipped. */
    static final String NO_TMPFS = "needs root: unshare -m and mount -t tmpfs (a small disk that fills up)";
    /** Why a test without a network is skipped. */
    static final String NO_NETWORK_NAMESPACE = "needs root: unshare -n (a network namespace without a network)";
    /** Why a test with a writer in another pid namespace is skipped. */
    static final String NO_PID_NAMESPACE =
            "needs unshare --pid --fork --mount-proc (root, or unprivileged user namespaces)";

    /** Ways to start a command in a new pid namespace, tried in order. */
    private static final List<List<String>> PID_NAMESPACE = List.of(
            List.of("unshare", "--pid", "--fork", "--mount-proc"),
            List.of("unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount-proc"));

    private Unshare() {
    }

    /** True if a command can mount a tmpfs in a mount namespace of its own. */
    static boolean canMountTmpfs() throws InterruptedException {
        return works(List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"));
    }

    /** True if a command can run in a network namespace of its own. */
    static boolean canUnshareNetwork() throws InterruptedException {
        return works(List.of("unshare", "-n", "true"));
    }

    /** The first way to start a command as pid 1 of a new pid namespace that works here, or null. */
    static List<String> pidNamespace() throws InterruptedException {
        for (List<String> prefix : PID_NAMESPACE) {
            List<String> probe = new ArrayList<>(prefix);
            probe.addAll(List.of("sh", "-c", "test $$ = 1"));
            if (works(probe)) {
                return prefix;
            }
        }
        return null;
    }

    /** True if {@code command} exits 0 within 10 s (it is killed if it does not). */
    private static boolean works(List<String> command) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false; // no unshare here
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
