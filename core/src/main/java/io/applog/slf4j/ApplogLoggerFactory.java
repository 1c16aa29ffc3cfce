package io.applog.slf4j;

import io.applog.bridge.Bridge;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates each named logger once: a {@link StderrLogger} for applog's and Chronicle's loggers
 * and in tool processes, else an {@link ApplogLogger} with the threshold the settings give
 * its name.
 */
final class ApplogLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        final String key = name == null ? Logger.ROOT_LOGGER_NAME : name;
        Logger logger = loggers.get(key);
        if (logger != null) {
            return logger;
        }
        Logger created = Bridge.toStderr(key)
                ? new StderrLogger(key)
                : new ApplogLogger(key, Bridge.threshold(key));
        logger = loggers.putIfAbsent(key, created);
        return logger == null ? created : logger;
    }
}
