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
 *
 * <p>What a record carries: the template and the raw arguments (the drainer fills the
 * {@code {}} placeholders, nothing else is interpreted), the throwable, the thread's MDC
 * ({@link io.applog.slf4j.ApplogMdcAdapter}), and key-value pairs: those of the fluent API,
 * preceded by the markers as one pair {@code marker=<names joined by commas>}, since a record
 * has no field of its own for markers. JSON output shows MDC and key-values; text output
 * shows neither.
 */
package io.applog.slf4j;
