/**
 * The JMH benchmarks: caller latency per logging call ({@link io.applog.bench.jmh.LatencyBench}),
 * end-to-end throughput until the file holds every message
 * ({@link io.applog.bench.jmh.EndToEndBench}) and the drainer's rate from a pre-filled queue
 * ({@link io.applog.bench.jmh.DrainerBench}). Each peer runs in a fork of its own, which
 * names its SLF4J provider before anything initialises SLF4J.
 */
package io.applog.bench.jmh;
