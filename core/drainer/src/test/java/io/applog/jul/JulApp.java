package io.applog.jul;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A child application that logs through JUL: {@code JulApp slf4j-first} touches SLF4J once so
 * that the provider installs the handler; {@code JulApp jul-only} relies on
 * {@code logging.properties}.
 */
public final class JulApp {
    private JulApp() {
    }

    public static void main(String[] args) {
        if ("slf4j-first".equals(args[0])) {
            org.slf4j.LoggerFactory.getLogger("demo.Start").info("slf4j first");
        }
        Logger log = Logger.getLogger("demo.jul.Legacy");
        log.finest("jul finest");
        log.finer("jul finer");
        log.fine("jul fine");
        log.config("jul config");
        log.log(Level.INFO, "jul info {0} and {}", new Object[]{"p0", "p1"});
        log.warning("jul warning");
        log.log(Level.SEVERE, "jul severe", new IllegalStateException("jul boom"));
    }
}
