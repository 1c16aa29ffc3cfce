/**
 * Turns decoded {@link io.applog.record.DecodedRecord records} into output text.
 *
 * <p>{@link io.applog.format.RecordFormat} is the entry point: {@link io.applog.format.TextFormat}
 * writes the default human-readable line (with a byte path for plain records),
 * {@link io.applog.format.PatternFormat} a line laid out by a Logback-style pattern (compiled
 * once into small tokens), {@link io.applog.format.JsonFormat} one JSON object per line and
 * {@link io.applog.format.OtelFormat} one OTLP/JSON {@code ExportLogsServiceRequest} per line.
 * They fill SLF4J-style {@code {}} placeholders with {@link io.applog.format.Placeholders}, stamp
 * times with per-second caches ({@link io.applog.format.TimestampFormat}) and sanitise every
 * caller-supplied string so that no record can forge another record, move the terminal cursor
 * or reorder text with bidi controls ({@link io.applog.internal.TextEscaper}).
 *
 * <p>Formatters reuse their buffers and are meant to be owned by a single thread each.
 */
package io.applog.format;
