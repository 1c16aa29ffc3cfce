/**
 * The loggers the suite measures, behind one small interface ({@link io.applog.bench.peer.Peer}):
 * applog through its own API and through SLF4J, raw Chronicle Queue (the floor), Log4j2
 * all-async loggers, Logback's AsyncAppender and prudent FileAppender, and JUL's FileHandler.
 * Each writes the same message ({@link io.applog.bench.peer.Message}) to a file in its own
 * temporary directory.
 */
package io.applog.bench.peer;
