/**
 * What every test module shares (packaged as the test-jar of applog-drainer, which demo's tests
 * use): {@link io.applog.testing.Children}, the one harness that starts child processes, bounds
 * every wait on them and kills them after each test whatever its outcome;
 * {@link io.applog.testing.ChildProcessTest}, the base of tests that use it per test;
 * {@link io.applog.testing.Jvm}, the one launcher of child JVMs; {@link io.applog.testing.LogLine},
 * the one parser of a text logfile line; {@link io.applog.testing.InProcessCli}, the command line
 * run in the test's JVM with a deadline; {@link io.applog.testing.SkippedTests}, which prints why
 * each skipped test was skipped.
 */
package io.applog.testing;
