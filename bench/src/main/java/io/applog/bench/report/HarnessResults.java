package io.applog.bench.report;

import java.util.List;

/**
 * What the plain-Java harness measured (the parts that need several JVMs), as written to
 * {@code harness-<kind>.json}. A part that did not run is an empty list.
 *
 * @param machine      where it ran
 * @param kind         {@code full} or {@code quick}
 * @param multiProcess several writer JVMs into one file
 * @param delay        append in one process to line in the file
 * @param coldStart    JVM start to first record appended
 * @param kafka        across hosts: {@code applog ship} and {@code applog collect} with a broker on this machine
 * @param brokerDown   logging calls with the broker stopped, and what was lost once it was back
 */
public record HarnessResults(Machine machine, String kind, List<MultiProcess> multiProcess,
                             List<Delay> delay, List<ColdStart> coldStart, List<Kafka> kafka,
                             List<BrokerDown> brokerDown) {

    public HarnessResults {
        multiProcess = multiProcess == null ? List.of() : List.copyOf(multiProcess);
        delay = delay == null ? List.of() : List.copyOf(delay);
        coldStart = coldStart == null ? List.of() : List.copyOf(coldStart);
        kafka = kafka == null ? List.of() : List.copyOf(kafka);
        brokerDown = brokerDown == null ? List.of() : List.copyOf(brokerDown);
    }

    /** Results without the Kafka parts (the runs and tests from before them). */
    public HarnessResults(Machine machine, String kind, List<MultiProcess> multiProcess, List<Delay> delay,
                          List<ColdStart> coldStart) {
        this(machine, kind, multiProcess, delay, coldStart, List.of(), List.of());
    }

    /**
     * @param cpu       CPU model
     * @param cores     available processors
     * @param memoryMb  physical memory
     * @param jdk       {@code java.vm.name java.runtime.version}
     * @param os        {@code os.name os.version os.arch}
     * @param date      ISO date and time of the run
     * @param loadAverage the system's 1-minute load average when the run started (other work on the machine skews every figure)
     */
    public record Machine(String cpu, int cores, long memoryMb, String jdk, String os, String date,
                          double loadAverage) {
    }

    /**
     * One run of N writer JVMs logging into one file.
     *
     * @param logger             {@code applog} or {@code logback-prudent}
     * @param processes          writer JVMs
     * @param messagesPerProcess timed messages each (after its warm-up messages)
     * @param appendRate         all timed messages / (last writer done - first writer started), per second
     * @param fileRate           all timed messages / (file complete - start signal), per second
     * @param p50Ns              the median call of the median writer
     * @param worstP99Ns         the highest p99 of a single writer
     * @param worstP999Ns        the highest p99.9 of a single writer
     * @param worstCallNs        the slowest single call of any writer
     * @param lines              lines in the file at the end (all messages, warm-up included)
     * @param expectedLines      messages logged, warm-up included
     * @param writerCpuNsPerRecord CPU time of the writer JVMs (user + system, from the start signal until the
     *                           file is complete) per timed record
     * @param drainerCpuNsPerRecord the same for applog's drainer JVM (0 for a logger without one)
     * @param jitCpuNsPerRecord    of the two, what the JIT compiler threads of all those JVMs used (at least;
     *                           0 in results from before it was measured)
     */
    public record MultiProcess(String logger, int processes, long messagesPerProcess, double appendRate,
                               double fileRate, long p50Ns, long worstP99Ns, long worstP999Ns,
                               long worstCallNs, long lines, long expectedLines,
                               double writerCpuNsPerRecord, double drainerCpuNsPerRecord,
                               double jitCpuNsPerRecord) {
        /** CPU time of every process involved per timed record: writers plus drainer. */
        public double cpuNsPerRecord() {
            return writerCpuNsPerRecord + drainerCpuNsPerRecord;
        }
    }

    /**
     * Delay from a logging call in a writer JVM to its line in the file written by an
     * {@code applog drain} JVM (both clocks are CLOCK_MONOTONIC), the first second left out.
     *
     * @param ratePerSecond paced messages per second
     * @param count         lines measured
     * @param firstRecordMs the delay of the writer's first record, before the paced ones (the
     *                      drainer finds the new writer and opens its queue)
     */
    public record Delay(int ratePerSecond, long count, double firstRecordMs, double p50Ms, double p90Ms, double p99Ms,
                        double p999Ms, double maxMs) {
    }

    /**
     * Cold start of a child JVM that opens applog and logs one record; or, in the rows of
     * {@code ShellLogHarness}, one {@code applog log} call from a shell (only the launch columns,
     * from launch to exit).
     *
     * @param variant              JVM options used ({@code no archive}; {@code default}: as the applog script, with its
     *                             class-data archive; {@code appcds}: an archive of the child's own run), or the row of a call
     * @param runs                 JVMs started
     * @param jvmToFirstP50Ms      RuntimeMXBean start time to the first call returned, median
     * @param launchToFirstP50Ms   process launched (parent's clock) to the first call returned, median
     * @param jvmToMainP50Ms       RuntimeMXBean start time to main(), median
     * @param mainToOpenP50Ms      main() to {@code Applog.open} returned (the queue built), median
     */
    public record ColdStart(String variant, int runs, double jvmToFirstP50Ms, double jvmToFirstMinMs,
                            double jvmToFirstMaxMs, double launchToFirstP50Ms, double launchToFirstMaxMs,
                            double jvmToMainP50Ms, double mainToOpenP50Ms) {
    }

    /**
     * One run of the Kafka part, a single-node broker on the same machine.
     *
     * @param records     records pre-filled into a writer queue, then shipped, then collected
     * @param shipRate    records per second from the queue moved into the shipper's queue dir until
     *                    the broker acknowledged the last one (the shipper deleted the written queue)
     * @param collectRate lines per second written by {@code applog collect --from-beginning}, from its
     *                    first line in the file to its last
     * @param delay       a writer JVM's call to its line in the collector's file, through the shipper and
     *                    the topic, or null if that part failed
     */
    public record Kafka(long records, double shipRate, double collectRate, Delay delay) {
    }

    /**
     * Logging calls of one logger with the broker stopped, made by a JVM started during the outage;
     * then the broker started again and what reached the topic (Log4j2) or the collected file
     * (applog) counted.
     *
     * @param logger      {@code log4j2-kafka} or {@code applog}
     * @param calls       calls made with the broker stopped
     * @param firstCallMs the first call
     * @param nextP50Ms   the median of the other calls (NaN with one call)
     * @param nextMaxMs   the slowest of the other calls (NaN with one call)
     * @param delivered   records found once the broker was back
     */
    public record BrokerDown(String logger, int calls, double firstCallMs, double nextP50Ms, double nextMaxMs,
                             long delivered) {
        /** Calls whose record never arrived. */
        public long lost() {
            return calls - delivered;
        }
    }
}
