/**
 * applog as an SLF4J 2 provider: {@link io.applog.slf4j.ApplogServiceProvider} is found by
 * SLF4J through {@code META-INF/services}, so an application that logs through slf4j-api (or
 * through the Log4j2 API with log4j-to-slf4j, or Commons Logging 1.3) writes into this
 * process's applog queue without code changes.
 *
 * <p>Level thresholds come from {@code applog.level} and {@code applog.level.<prefix>} and are
 * fixed when a logger is created; the queue is opened on the first enabled call. Loggers of
 * applog itself ({@code io.applog.*}) and of Chronicle ({@code net.openhft.*}), and every
 * logger in applog's own tool processes ({@code applog.role=tool}), never reach a queue: they
 * print WARN and ERROR as one line each on stderr, prefixed {@code applog: }.
 */
package io.applog.slf4j;
