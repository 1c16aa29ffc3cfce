package io.applog.format;

import io.applog.internal.TextEscaper;
import io.applog.record.DecodedRecord;

/**
 * {@code %logger{length}}: the logger name, shortened as Logback shortens it. No length: the
 * whole name. {@code 0}: the part after the last dot. A length: if the name is shorter than
 * that it stays whole; otherwise segments from the left are cut to their first char until the
 * chars cut reach what the name is over the length (the last segment and the dots always
 * stay), and the rest stays whole: {@code mainPackage.sub.sample.Bar} is {@code m.s.s.Bar} for
 * 5 or 10, {@code m.s.sample.Bar} for 15, {@code m.sub.sample.Bar} for 16 to 26.
 */
final class LoggerToken implements PatternToken {
    /** No abbreviation. */
    static final int FULL = -1;

    private final int length;
    private final StringBuilder name = new StringBuilder(64);

    /** {@code length} {@link #FULL}, 0 or more. */
    LoggerToken(int length) {
        this.length = length;
    }

    @Override
    public void render(DecodedRecord record, StringBuilder out) {
        if (length == FULL) {
            TextEscaper.appendField(record.logger, out);
            return;
        }
        name.setLength(0);
        abbreviate(record.logger, length, name);
        TextEscaper.appendField(name, out);
    }

    /** Appends {@code logger} shortened to about {@code target} chars (see the class comment). */
    static void abbreviate(CharSequence logger, int target, StringBuilder out) {
        final int n = logger.length();
        int lastDot = n - 1;
        while (lastDot >= 0 && logger.charAt(lastDot) != '.') {
            lastDot--;
        }
        if (target == 0) {
            out.append(logger, lastDot + 1, n);
            return;
        }
        if (n < target || lastDot < 0) {
            out.append(logger);
            return;
        }
        // the chars left of the last dot may be cut by this much (or a little more: a cut
        // segment keeps one char)
        final int toCut = lastDot - Math.max(0, target - (n - lastDot));
        int cut = 0;
        int segment = 0;
        int rest = lastDot;
        while (segment < lastDot) {
            int dot = segment;
            while (logger.charAt(dot) != '.') {
                dot++;
            }
            if (dot > segment) {
                out.append(logger.charAt(segment));
                cut += dot - segment - 1;
            }
            if (dot == lastDot || cut >= toCut) {
                rest = dot;
                break;
            }
            out.append('.');
            segment = dot + 1;
        }
        out.append(logger, rest, n);
    }
}
