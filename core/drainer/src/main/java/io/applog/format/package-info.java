/**
 * Turns decoded {@link io.applog.record.DecodedRecord records} into output text.
 *
 * <p>{@link io.applog.format.RecordFormat} is the entry point: {@link io.applog.format.TextFormat}
 * writes one human-readable line per record and {@link io.applog.format.JsonFormat} one JSON
 * object per line. Both fill SLF4J-style {@code {}} placeholders with
 * {@link io.applog.format.Placeholders}, stamp times with a per-second cached
 * {@link io.applog.format.TimestampFormat} and sanitise every caller-supplied string so that no
 * record can forge another record, move the terminal cursor or reorder text with bidi controls
 * ({@link io.applog.internal.TextEscaper}).
 *
 * <p>Formatters reuse their buffers and are meant to be owned by a single thread each.
 */
package io.applog.format;
