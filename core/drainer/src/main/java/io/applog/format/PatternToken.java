package io.applog.format;

import io.applog.record.DecodedRecord;

/**
 * One piece of a compiled text-line pattern ({@link PatternFormat}): appends its part of a
 * record, escaped, without allocating. Built once when the pattern is compiled; owned by the
 * format's thread.
 */
interface PatternToken {
    void render(DecodedRecord record, StringBuilder out);
}
