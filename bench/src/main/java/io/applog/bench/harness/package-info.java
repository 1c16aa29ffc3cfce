/**
 * The measurements that need several JVMs, in plain Java: writer JVMs logging into one file
 * ({@link io.applog.bench.harness.MultiProcessHarness}), the delay from a logging call to its
 * line in the file ({@link io.applog.bench.harness.DelayHarness}) and the cold start of a JVM
 * to its first record ({@link io.applog.bench.harness.ColdStartHarness}). Each parent starts
 * its children with {@link io.applog.bench.Jvm}; a child speaks on stdout, one line per fact.
 */
package io.applog.bench.harness;
