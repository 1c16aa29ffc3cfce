package io.applog.internal;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Who a process is: pid, start time (so a reused pid is not mistaken for the original), host
 * and pid namespace (a writer elsewhere is judged by its heartbeat only).
 */
public final class ProcessIdentity {
    private static final ProcessIdentity CURRENT = new ProcessIdentity(
            ProcessHandle.current().pid(), startMillis(ProcessHandle.current()),
            hostName(), readPidNamespace());

    private final long pid;
    private final long startMillis;
    private final String host;
    private final String pidNamespace;

    private ProcessIdentity(long pid, long startMillis, String host, String pidNamespace) {
        this.pid = pid;
        this.startMillis = startMillis;
        this.host = host;
        this.pidNamespace = pidNamespace;
    }

    public static ProcessIdentity current() {
        return CURRENT;
    }

    public long pid() {
        return pid;
    }

    public long startMillis() {
        return startMillis;
    }

    public String host() {
        return host;
    }

    public String pidNamespace() {
        return pidNamespace;
    }

    /** True if a process with this pid and start time can be checked from here at all. */
    public boolean canCheck(String otherHost, String otherPidNamespace) {
        return host.equals(otherHost) && pidNamespace.equals(otherPidNamespace);
    }

    /** True while the process {@code pid} that started at {@code startMillis} is alive. */
    public static boolean isAlive(long pid, long startMillis) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        long start = startMillis(handle.get());
        return start == 0 || startMillis == 0 || Math.abs(start - startMillis) <= 1_000;
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static String hostName() {
        try {
            String fromFile = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!fromFile.isEmpty()) {
                return fromFile;
            }
        } catch (Exception e) {
            // fall through to the JDK's view
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    private static String readPidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (Exception e) {
            return "";
        }
    }
}
