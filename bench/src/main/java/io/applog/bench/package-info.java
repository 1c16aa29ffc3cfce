/**
 * The benchmark suite of applog: {@code applog bench [--quick]} runs the JMH benchmarks
 * ({@link io.applog.bench.jmh}) and the multi-process harness ({@link io.applog.bench.harness}),
 * writes their results under {@code bench/results/} and renders them
 * ({@link io.applog.bench.report}).
 */
package io.applog.bench;
