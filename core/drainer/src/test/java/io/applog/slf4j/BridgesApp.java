package io.applog.slf4j;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;

/** A child application that logs through the Log4j2 API and Commons Logging only. */
public final class BridgesApp {
    private BridgesApp() {
    }

    public static void main(String[] args) {
        org.apache.logging.log4j.Logger log4j = LogManager.getLogger("demo.Log4j");
        log4j.info("log4j says {}", 42);
        log4j.info("log4j user={} x", "a{}");
        log4j.debug("log4j hidden debug");
        ThreadContext.put("tc", "v1");
        log4j.warn("log4j warning", new IllegalStateException("log4j boom"));
        ThreadContext.clearMap();
        Log jcl = LogFactory.getLog("demo.Jcl");
        jcl.info("jcl info");
        jcl.debug("jcl hidden debug");
        jcl.error("jcl error", new IllegalArgumentException("jcl boom"));
    }
}
