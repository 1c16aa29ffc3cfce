package io.applog.slf4j;

import io.applog.bridge.Bridge;
import io.applog.jul.ApplogHandler;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The SLF4J 2 service provider of applog, named in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 *
 * <p>{@link #initialize()} also installs {@link ApplogHandler} on the JUL root logger (and
 * removes JUL's {@code ConsoleHandler}, so nothing is printed twice) unless the system
 * property {@code applog.jul} is {@code false} or the process is one of applog's tools.
 *
 * <p>Another provider on the class path: an application that keeps Logback or Log4j2 (and
 * adds applog's appender for it) has applog-core's provider on its class path as well, and
 * SLF4J takes whichever it finds first. If that is this one, it hands everything to the other
 * (its logger factory, markers and MDC; JUL is left alone), so the application's own
 * configuration is what runs; SLF4J still notes the two providers on stderr. Naming applog's
 * provider in the system property {@code slf4j.provider} makes it applog's, whatever else is
 * on the class path; naming the other one silences SLF4J's note.
 */
public final class ApplogServiceProvider implements SLF4JServiceProvider {
    /** The SLF4J API version this provider is built for; not final, so it is not inlined. */
    public static String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markerFactory;
    private final MDCAdapter mdcAdapter;
    private volatile ILoggerFactory loggerFactory;
    /** The other provider everything is handed to, or null when this one serves. */
    private final SLF4JServiceProvider delegate;

    public ApplogServiceProvider() {
        delegate = otherProvider();
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = delegate == null ? new ApplogMdcAdapter() : new ForwardingMdcAdapter(delegate);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return delegate != null ? delegate.getLoggerFactory() : loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return delegate != null ? delegate.getMarkerFactory() : markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return delegate != null ? delegate.getRequestedApiVersion() : REQUESTED_API_VERSION;
    }

    /**
     * The first provider on the class path other than applog's, unless applog's is named in
     * {@code slf4j.provider}; null if there is none (or it cannot be loaded).
     */
    private static SLF4JServiceProvider otherProvider() {
        if (ApplogServiceProvider.class.getName().equals(System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY))) {
            return null;
        }
        try { // by type, without making the instances: this class's own would look again, without end
            Iterator<ServiceLoader.Provider<SLF4JServiceProvider>> found = ServiceLoader.load(SLF4JServiceProvider.class,
                    LoggerFactory.class.getClassLoader()).stream().iterator();
            while (found.hasNext()) {
                try {
                    ServiceLoader.Provider<SLF4JServiceProvider> p = found.next();
                    if (p.type() != ApplogServiceProvider.class) {
                        return p.get();
                    }
                } catch (ServiceConfigurationError e) {
                    // a provider that cannot be loaded: SLF4J passes over it as well
                }
            }
        } catch (ServiceConfigurationError | SecurityException e) {
            // nothing else usable
        }
        return null;
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
        if (delegate != null) {
            delegate.initialize();
            return;
        }
        loggerFactory = new ApplogLoggerFactory();
        if (!Bridge.toolRole() && julWanted()) {
            ApplogHandler.installOnRoot();
        }
    }
}
