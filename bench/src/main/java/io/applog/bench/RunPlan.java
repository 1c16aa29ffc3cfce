package io.applog.bench;

import java.util.List;

/**
 * How long each part of a run measures: {@link #FULL} (the committed results, under 30 min on
 * 2 cores) or {@link #QUICK} (a sanity check under 5 min, not for comparison).
 *
 * @param kind               {@code full} or {@code quick}: names the result files
 * @param latency            JMH iterations of {@code LatencyBench}
 * @param endToEnd           JMH iterations of {@code EndToEndBench}
 * @param batch              messages per invocation of {@code EndToEndBench}
 * @param endToEndThreads    run {@code EndToEndBench} with 2 threads too (the quick run does not)
 * @param drainer            JMH iterations of {@code DrainerBench} (time ignored: single shot)
 * @param processes          writer JVM counts of the multi-process part
 * @param applogMessages     timed messages per applog writer JVM (after {@code applogWarmup})
 * @param prudentMessages    timed messages per Logback prudent writer JVM (after {@code prudentWarmup})
 * @param delayRates         paced rates of the delay part, messages per second
 * @param delaySeconds       how long each rate runs
 * @param coldRuns           JVMs started per cold-start variant
 * @param kafka              sizes of the Kafka part
 */
record RunPlan(String kind, Iterations latency, Iterations endToEnd, int batch, boolean endToEndThreads,
               Iterations drainer,
               List<Integer> processes, int applogWarmup, int applogMessages, int prudentWarmup,
               int prudentMessages, List<Integer> delayRates, int delaySeconds, int coldRuns,
               KafkaSizes kafka) {

    /** JMH warm-up and measurement iterations, each {@code seconds} long. */
    record Iterations(int warmups, int warmupSeconds, int measurements, int measurementSeconds) {
    }

    /**
     * @param records       records shipped, then collected
     * @param delaySeconds  how long the writer of append to line through Kafka logs (at 10 k msg/s)
     * @param log4j2Calls   Log4j2 KafkaAppender calls with the broker stopped (each may block max.block.ms, 60 s)
     * @param applogCalls   applog calls with the broker stopped
     */
    record KafkaSizes(int records, int delaySeconds, int log4j2Calls, int applogCalls) {
    }

    static final RunPlan FULL = new RunPlan("full",
            new Iterations(3, 3, 5, 4), new Iterations(2, 2, 3, 3), 50_000, true, new Iterations(2, 0, 5, 0),
            List.of(2, 4), 1_000_000, 1_000_000, 100_000, 40_000, List.of(10_000, 100_000), 10, 20,
            new KafkaSizes(1_000_000, 10, 3, 10_000));

    static final RunPlan QUICK = new RunPlan("quick",
            new Iterations(1, 1, 1, 1), new Iterations(1, 1, 1, 1), 10_000, false, new Iterations(1, 0, 2, 0),
            List.of(2, 4), 10_000, 100_000, 200, 2_000, List.of(10_000), 4, 5,
            new KafkaSizes(100_000, 4, 2, 2_000));
}
