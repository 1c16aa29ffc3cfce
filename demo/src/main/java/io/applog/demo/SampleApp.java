package io.applog.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.List;

/**
 * The sample application of process {@code main}: what a GUI that drives a few device workers
 * would log through SLF4J (start-up, configuration, its workers, a failure it recovers from,
 * shutdown). Create it only after applog's system properties are set: its loggers take their
 * levels from them.
 */
final class SampleApp {
    private final Logger log = LoggerFactory.getLogger("demo.App");
    private final Logger config = LoggerFactory.getLogger("demo.Config");
    private final Logger calibration = LoggerFactory.getLogger("demo.Calibration");

    void startup(DemoOptions options) {
        log.info("applog demo starting: {} workers x {} messages", options.workers(), options.messages());
        log.debug("java {} ({}) on {} {}, {} cpus, pid {}", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                ProcessHandle.current().pid());
    }

    void configuration(DemoOptions options, String queue, String drainer) {
        config.atInfo()
                .setMessage("configuration: level {}, heartbeat timeout {} s, crash worker {}")
                .addArgument(options.level())
                .addArgument(options.timeoutSeconds())
                .addArgument(options.crashWorker() == 0 ? "none" : options.crashWorker())
                .addKeyValue("workers", options.workers())
                .addKeyValue("messages", options.messages())
                .log();
        config.debug("queue dir {} (0700, one queue per process), logfile {}", queue, options.logfile());
        config.debug("drainer: {}", drainer);
    }

    void workerStarted(int index, long pid) {
        log.info("started {} (pid {}) for device {}", WorkerPlan.processName(index), pid,
                WorkerPlan.device(index));
    }

    void workersReady(int ready, int started, long millis) {
        if (ready == started) {
            log.info("all {} workers ready after {} ms; starting acquisition", ready, millis);
        } else {
            log.warn("{} of {} workers ready after {} ms; starting acquisition anyway", ready, started, millis);
        }
    }

    /** Loads the calibration of every device; a broken table is logged with its cause and replaced. */
    void loadCalibrations(int workers) {
        for (int i = 1; i <= workers; i++) {
            String device = WorkerPlan.device(i);
            try (MDC.MDCCloseable ignored = MDC.putCloseable("device", device)) {
                try {
                    List<Double> table = readCalibration(device, i == Math.min(2, workers));
                    calibration.debug("calibration of {}: {} coefficients", device, table.size());
                } catch (IllegalStateException e) {
                    calibration.error("cannot load the calibration of {}; using factory defaults", device, e);
                }
            }
        }
    }

    private static List<Double> readCalibration(String device, boolean corrupt) {
        try {
            return parseCoefficients(readBlock(device, 3, corrupt));
        } catch (IOException e) {
            throw new IllegalStateException("calibration table of " + device + " is unusable", e);
        }
    }

    private static byte[] readBlock(String device, int block, boolean corrupt) throws IOException {
        if (corrupt) {
            throw new IOException("checksum mismatch in block " + block + " of " + device + "/calibration.bin"
                    + " (expected 0x5a17, found 0x0000)");
        }
        return new byte[]{1, 2, 3, 4};
    }

    private static List<Double> parseCoefficients(byte[] block) {
        return List.of(780.0, 0.25, -1.2e-5, 3.4e-9).subList(0, block.length);
    }

    void workerExited(int index, int exitCode, long millis, boolean crashExpected) {
        String name = WorkerPlan.processName(index);
        if (exitCode == 0) {
            log.info("{} finished after {} ms", name, millis);
        } else if (crashExpected && exitCode == WorkerPlan.CRASH_EXIT_CODE) {
            log.warn("{} died with exit code {} after {} ms (the simulated crash)", name, exitCode, millis);
        } else {
            log.error("{} died with exit code {} after {} ms", name, exitCode, millis);
        }
    }

    void shutdown(int workers, int failed, int timeoutSeconds) {
        log.info("shutting down: {} workers done, {} died", workers, failed);
        log.debug("closing applog; the drainer stops {} s after the last writer has gone", timeoutSeconds);
        log.info("goodbye");
    }
}
