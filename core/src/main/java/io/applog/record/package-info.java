/**
 * The binary record: its layout ({@link io.applog.record.RecordLayout}), the encoder the
 * writers use and the decoder the drainer uses. Records hold raw fields only.
 */
package io.applog.record;
