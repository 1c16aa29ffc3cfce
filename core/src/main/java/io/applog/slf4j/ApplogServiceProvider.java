package io.applog.slf4j;

import io.applog.bridge.Bridge;
import io.applog.jul.ApplogHandler;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 service provider of applog, named in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 *
 * <p>{@link #initialize()} also installs {@link ApplogHandler} on the JUL root logger (and
 * removes JUL's {@code ConsoleHandler}, so nothing is printed twice) unless the system
 * property {@code applog.jul} is {@code false} or the process is one of applog's tools.
 */
public final class ApplogServiceProvider implements SLF4JServiceProvider {
    /** The SLF4J API version this provider is built for; not final, so it is not inlined. */
    public static String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markerFactory;
    private final MDCAdapter mdcAdapter;
    private volatile ILoggerFactory loggerFactory;

    public ApplogServiceProvider() {
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new ApplogMdcAdapter();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    /**
     * {@code applog.jul}, read with the other settings; with invalid settings JUL is routed
     * as well (its records are dropped like every other, not printed by JUL's console).
     */
    private static boolean julWanted() {
        io.applog.ApplogSettings settings = Bridge.settings();
        return settings == null || settings.jul();
    }

    @Override
    public void initialize() {
        loggerFactory = new ApplogLoggerFactory();
        if (!Bridge.toolRole() && julWanted()) {
            ApplogHandler.installOnRoot();
        }
    }
}
