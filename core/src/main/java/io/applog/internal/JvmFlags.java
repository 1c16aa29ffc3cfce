package io.applog.internal;

import io.applog.ApplogSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The JVM flags a process that maps Chronicle queues needs (JDK 17), read from the one flags
 * file {@code io/applog/jvm.flags} (a java {@code @argument} file that {@code ./applog} and the
 * build use as well).
 */
public final class JvmFlags {
    /** Resource name of the flags file. */
    public static final String RESOURCE = "/io/applog/jvm.flags";
    /** Every flag of the file: module access for Chronicle, Chronicle kept quiet. */
    public static final List<String> ALL = read();

    private JvmFlags() {
    }

    private static List<String> read() {
        List<String> flags = new ArrayList<>();
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
                for (String flag : text.split("\\s+")) {
                    if (!flag.isEmpty()) {
                        flags.add(flag);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
        return Collections.unmodifiableList(flags);
    }

    /**
     * Flags for a child drainer JVM: the flags file, a small heap, the serial collector, the
     * JDK's class-data sharing, applog's SLF4J provider, and this process's roll cycle if one was set. The flags of a
     * class-data archive of the class path ({@link ClassDataArchive#runFlags()}) go after these.
     */
    public static List<String> drainer() {
        List<String> flags = new ArrayList<>(ALL);
        flags.add("-Xmx256m");
        flags.add("-XX:+UseSerialGC");
        flags.add("-Xshare:auto");
        // applog's own SLF4J provider, named: an application whose provider is Logback (the
        // appender of applog-logback) has both on the class path the drainer inherits, and the
        // drainer must neither pick by class path order nor print SLF4J's notes about it
        flags.add("-Dslf4j.provider=" + io.applog.slf4j.ApplogServiceProvider.class.getName());
        flags.add("-Dslf4j.internal.verbosity=WARN");
        String roll = ApplogSettings.rollCycleProperty();
        if (roll != null) {
            flags.add("-D" + ApplogSettings.ROLL_CYCLE + "=" + roll);
        }
        return flags;
    }
}
