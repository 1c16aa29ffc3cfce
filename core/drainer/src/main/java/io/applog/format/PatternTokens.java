package io.applog.format;

import io.applog.internal.TextEscaper;
import io.applog.record.DecodedRecord;
import io.applog.record.RecordLayout;

/**
 * The small tokens of a text-line pattern: literal text, the fields of a record, MDC,
 * key-values, markers, line breaks, and the width modifier around any of them. Every string
 * from a record goes through {@link TextEscaper}: single-line fields as fields, the message as
 * multi-line text.
 */
final class PatternTokens {
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 16;
    private static final char[] SPACES = "                                                                ".toCharArray();

    private PatternTokens() {
    }

    /** Text of the pattern itself (escaped when compiled). */
    static final class Literal implements PatternToken {
        private final String text;

        Literal(String text) {
            StringBuilder escaped = new StringBuilder(text.length());
            TextEscaper.appendField(text, escaped);
            this.text = escaped.toString();
        }

        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            out.append(text);
        }
    }

    /** {@code %level}: {@code INFO}, unpadded (padding is {@code %-5level}). */
    static final class LevelName implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            out.append(record.level.name());
        }
    }

    /** {@code %process}: the writer's process name. */
    static final class Process implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            TextEscaper.appendField(record.process == null ? "" : record.process, out);
        }
    }

    /** {@code %pid}. */
    static final class Pid implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            out.append(record.pid);
        }
    }

    /** {@code %host}: the writer's host name. */
    static final class Host implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            TextEscaper.appendField(record.host == null ? "" : record.host, out);
        }
    }

    /** {@code %thread}. */
    static final class ThreadName implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            TextEscaper.appendField(record.thread, out);
        }
    }

    /** {@code %msg}: the template with its placeholders filled; {@code null} for a null template. */
    static final class Message implements PatternToken {
        private StringBuilder message = new StringBuilder(INITIAL_CAPACITY);

        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            if (!record.hasTemplate) {
                out.append("null");
                return;
            }
            if (message.capacity() > MAX_RETAINED_CAPACITY) {
                message = new StringBuilder(INITIAL_CAPACITY);
            }
            final StringBuilder m = message;
            m.setLength(0);
            Placeholders.fill(record.template, record.args, record.argCount, m);
            TextEscaper.appendMultiline(m, out);
        }
    }

    /**
     * {@code %mdc}: every entry as {@code k1=v1, k2=v2}; {@code %mdc{key}}: that entry's value,
     * or the default of {@code %mdc{key:-default}} (empty if none) when the record has no such key.
     */
    static final class Mdc implements PatternToken {
        private final String key;
        private final String absent;

        /** All entries when {@code key} is null. */
        Mdc(String key, String absent) {
            this.key = key;
            StringBuilder escaped = new StringBuilder();
            TextEscaper.appendField(absent, escaped);
            this.absent = escaped.toString();
        }

        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            final int n = record.mdcCount;
            if (key == null) {
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',').append(' ');
                    }
                    TextEscaper.appendField(record.mdcKeys[i], out);
                    out.append('=');
                    TextEscaper.appendField(record.mdcValues[i], out);
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                if (key.contentEquals(record.mdcKeys[i])) {
                    TextEscaper.appendField(record.mdcValues[i], out);
                    return;
                }
            }
            out.append(absent);
        }
    }

    /**
     * {@code %kv}: the key-value pairs as {@code k1="v1" k2="v2"} (quote {@code DOUBLE} by
     * default, {@code SINGLE} or {@code NONE}); the pair that carries the markers is {@code %marker}'s.
     */
    static final class KeyValues implements PatternToken {
        private final char quote;

        /** {@code quote} 0 for none. */
        KeyValues(char quote) {
            this.quote = quote;
        }

        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            final int n = record.kvCount;
            boolean first = true;
            for (int i = markerIndex(record) == 0 ? 1 : 0; i < n; i++) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                TextEscaper.appendField(record.kvKeys[i], out);
                out.append('=');
                if (quote != 0) {
                    out.append(quote);
                }
                TextEscaper.appendField(record.kvValues[i], out);
                if (quote != 0) {
                    out.append(quote);
                }
            }
        }
    }

    /** {@code %marker}: the names of the record's markers, or nothing. */
    static final class Marker implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            if (markerIndex(record) == 0) {
                TextEscaper.appendField(record.kvValues[0], out);
            }
        }
    }

    /** 0 if the record's first key-value pair carries its markers, else -1. */
    static int markerIndex(DecodedRecord record) {
        return record.kvCount > 0 && RecordLayout.MARKER_KEY.contentEquals(record.kvKeys[0]) ? 0 : -1;
    }

    /** {@code %n}: a line break; what follows it in the record starts with TAB. */
    static final class Newline implements PatternToken {
        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            out.append('\n');
        }
    }

    /**
     * A width modifier around a token, as Logback applies it: longer than {@code max} loses
     * chars at the start ({@code %.5logger}) or at the end ({@code %.-5logger}); shorter than
     * {@code min} is padded with spaces on the left ({@code %5level}) or right ({@code %-5level}).
     * Widths count chars after escaping; a surrogate pair cut in two becomes U+FFFD.
     */
    static final class Formatted implements PatternToken {
        private final PatternToken inner;
        private final boolean padRight;
        private final int min;
        private final int max;
        private final boolean keepStart;

        Formatted(PatternToken inner, boolean padRight, int min, int max, boolean keepStart) {
            this.inner = inner;
            this.padRight = padRight;
            this.min = min;
            this.max = max;
            this.keepStart = keepStart;
        }

        @Override
        public void render(DecodedRecord record, StringBuilder out) {
            final int start = out.length();
            inner.render(record, out);
            final int length = out.length() - start;
            if (length > max) {
                if (keepStart) {
                    out.setLength(start + max);
                    if (max > 0 && Character.isHighSurrogate(out.charAt(start + max - 1))) {
                        out.setCharAt(start + max - 1, '\uFFFD');
                    }
                } else {
                    out.delete(start, start + length - max);
                    if (max > 0 && Character.isLowSurrogate(out.charAt(start))) {
                        out.setCharAt(start, '\uFFFD');
                    }
                }
            } else if (length < min) {
                int pad = min - length;
                while (pad > 0) {
                    final int n = Math.min(pad, SPACES.length);
                    if (padRight) {
                        out.append(SPACES, 0, n);
                    } else {
                        out.insert(start, SPACES, 0, n);
                    }
                    pad -= n;
                }
            }
        }
    }
}
