/**
 * What the bridges from the standard logging APIs (the SLF4J provider, the JUL handler)
 * share in one process: routing of applog's own and Chronicle's loggers to stderr, the
 * settings read once, the {@link io.applog.Applog} opened on the first enabled call, the
 * thread's diagnostic context ({@link io.applog.bridge.ThreadContext}), and the non-public
 * operations of {@link io.applog.Applog} they need ({@link io.applog.bridge.ApplogAccess}).
 */
package io.applog.bridge;
