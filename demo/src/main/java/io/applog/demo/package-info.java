/**
 * The applog demo ({@code ./applog demo}): a sample application (process {@code main}) that
 * logs through SLF4J, starts N worker JVMs ({@code worker-1} ...) that simulate device loops
 * and log through SLF4J with MDC, lets applog's auto-started drainer merge everything into
 * one logfile, waits for the drainer to stop after the heartbeat ends, and prints a summary
 * that checks the file: every worker's {@code seq=1..M} once, in timestamp order, and for a
 * crashed worker ({@code --crash-worker K}) every record up to the crash.
 *
 * <p>{@link io.applog.demo.DemoLauncher} is the entry point; {@link io.applog.demo.WorkerMain}
 * the worker JVM; {@link io.applog.demo.WorkerPlan} what a worker logs, shared by the worker
 * and the check; {@link io.applog.demo.LogCheck} reads the logfile back.
 */
package io.applog.demo;
