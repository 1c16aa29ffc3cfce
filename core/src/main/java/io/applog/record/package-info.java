/**
 * The binary record: its layout ({@link io.applog.record.RecordLayout}), the reusable record
 * the front ends fill by name ({@link io.applog.record.MutableRecord}) with the capture of its
 * arguments, the encoder the writers use and the decoder the drainer uses, and the string ids
 * each side keeps per block of a queue ({@link io.applog.record.StringIds} for a writer,
 * {@link io.applog.record.StringTable} for a reader). Records hold raw fields only.
 */
package io.applog.record;
