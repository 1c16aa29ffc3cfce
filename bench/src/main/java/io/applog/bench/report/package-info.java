/**
 * The results of a run and how they are shown: the JMH JSON
 * ({@link io.applog.bench.report.JmhRow}), the harness's own JSON
 * ({@link io.applog.bench.report.HarnessResults}), the markdown tables with the targets
 * ({@link io.applog.bench.report.MarkdownReport}) and the latency-percentile plot
 * ({@link io.applog.bench.report.LatencyPlot}).
 */
package io.applog.bench.report;
