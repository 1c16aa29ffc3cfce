package io.applog.slf4j;

import io.applog.bridge.Bridge;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * The logger of applog's and Chronicle's own loggers, and of every logger in a tool process:
 * WARN and ERROR become one line on stderr ({@code applog: WARN logger - message}; ERROR only
 * under a prefix given to {@link Bridge#errorsOnly}), lower levels are off, and nothing ever reaches a queue.
 */
final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final boolean warn;

    StderrLogger(String name) {
        this.name = name;
        this.warn = Bridge.warnsToStderr(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return warn;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker,
                                               String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        Bridge.stderr(ApplogLogger.toApplog(level), name, messagePattern, arguments, throwable);
    }
}
