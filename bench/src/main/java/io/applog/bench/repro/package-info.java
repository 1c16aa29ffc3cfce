/**
 * Reproducers of what was found while building the suite, runnable on their own. {@link
 * io.applog.bench.repro.Log4j2LossCheck} shows that Log4j2 all-async loggers lose messages with
 * two threads over Disruptor 4.0.0 and deliver every one over 3.4.4: it runs the suite's Log4j2
 * configuration in a child JVM per Disruptor version and counts the lines of the file.
 */
package io.applog.bench.repro;
