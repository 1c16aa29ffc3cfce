package io.applog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** applog's version, from the build (the POM's version, filtered into a resource). */
public final class Version {
    /** For example {@code 0.1.0}; {@code unknown} when the resource is missing. */
    public static final String CURRENT = read();

    private Version() {
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/applog/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
