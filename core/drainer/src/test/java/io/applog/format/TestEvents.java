package io.applog.format;

import io.applog.Level;
import io.applog.record.DecodedRecord;

import java.time.Instant;

/** Builds sample records for the format tests. */
final class TestEvents {
    /** 2026-11-25T05:07:12.345678901Z. */
    static final long SAMPLE_NANOS = nanos("2026-11-25T05:07:12.345678901Z");

    private TestEvents() {
    }

    static long nanos(String instant) {
        Instant t = Instant.parse(instant);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static DecodedRecord sample(String template, String... args) {
        DecodedRecord e = new DecodedRecord();
        e.timestampNanos = SAMPLE_NANOS;
        e.level = Level.INFO;
        e.process = "worker-2";
        e.pid = 4242;
        e.thread.append("main");
        e.logger.append("demo.Worker");
        if (template != null) {
            e.template.append(template);
            e.hasTemplate = true;
        }
        for (int i = 0; i < args.length; i++) {
            e.arg(i).append(args[i]);
        }
        e.argCount = args.length;
        return e;
    }

    static void throwable(DecodedRecord e, String text) {
        e.throwable.append(text);
        e.hasThrowable = true;
    }

    static void mdc(DecodedRecord e, String key, String value) {
        e.mdcKey(e.mdcCount).append(key);
        e.mdcValues[e.mdcCount].append(value);
        e.mdcCount++;
    }

    static void kv(DecodedRecord e, String key, String value) {
        e.kvKey(e.kvCount).append(key);
        e.kvValues[e.kvCount].append(value);
        e.kvCount++;
    }
}
