package io.applog.format;

import io.applog.record.PlainFields;

/**
 * Fills {@code {}} placeholders the way SLF4J's {@code org.slf4j.helpers.MessageFormatter} does.
 *
 * <ul>
 *   <li>each {@code {}} takes the next argument;</li>
 *   <li>{@code \{}} is a literal {@code {}}: the backslash is dropped;</li>
 *   <li>{@code \\{}} is a literal backslash followed by the argument;</li>
 *   <li>a {@code {}} left over once the arguments are used up stays as it is, and so does the
 *       rest of the template, escapes included;</li>
 *   <li>surplus arguments are ignored.</li>
 * </ul>
 *
 * <p>Nothing else is interpreted: {@code %s}, {@code %n} or {@code ${...}} are copied as they
 * are, and arguments are appended verbatim, never expanded again.
 */
public final class Placeholders {
    private static final char DELIM_START = '{';
    private static final char DELIM_STOP = '}';
    private static final char ESCAPE = '\\';

    private Placeholders() {
    }

    /**
     * Appends {@code template} to {@code out} with its placeholders filled.
     *
     * @param template the message template, not null and not {@code out} itself
     * @param args the rendered arguments; a null element appends {@code null}
     * @param argCount how many leading elements of {@code args} are valid
     * @param out where the message is appended
     */
    public static void fill(CharSequence template, StringBuilder[] args, int argCount, StringBuilder out) {
        final int len = template.length();
        final int count = args == null ? 0 : Math.min(argCount, args.length);
        int i = 0;
        for (int a = 0; a < count; a++) {
            final int j = indexOfDelimiter(template, i, len);
            if (j < 0) {
                break;
            }
            if (j > 0 && template.charAt(j - 1) == ESCAPE) {
                if (j >= 2 && template.charAt(j - 2) == ESCAPE) {
                    out.append(template, i, j - 1);
                    out.append((CharSequence) args[a]);
                    i = j + 2;
                } else {
                    a--;
                    out.append(template, i, j - 1);
                    out.append(DELIM_START);
                    i = j + 1;
                }
            } else {
                out.append(template, i, j);
                out.append((CharSequence) args[a]);
                i = j + 2;
            }
        }
        if (i == 0) {
            out.append(template); // bulk copy when nothing was filled
        } else {
            out.append(template, i, len);
        }
    }

    /**
     * The same as {@link #fill(CharSequence, StringBuilder[], int, StringBuilder)} over the
     * bytes of a plain record: writes its template with the placeholders filled by its argument
     * fields into {@code out} from {@code at}; returns the end. {@code out} needs room for the
     * template and every argument.
     */
    public static int fill(PlainFields fields, byte[] out, int at) {
        final byte[] b = fields.bytes();
        final int start = fields.start(PlainFields.TEMPLATE);
        final int end = fields.end(PlainFields.TEMPLATE);
        final int count = fields.argCount();
        int i = start;
        int p = at;
        for (int a = 0; a < count; a++) {
            final int j = indexOfDelimiter(b, i, end);
            if (j < 0) {
                break;
            }
            if (j > start && b[j - 1] == ESCAPE) {
                if (j >= start + 2 && b[j - 2] == ESCAPE) {
                    p = copy(b, i, j - 1, out, p);
                    p = copyArg(fields, a, out, p);
                    i = j + 2;
                } else {
                    a--;
                    p = copy(b, i, j - 1, out, p);
                    out[p++] = DELIM_START;
                    i = j + 1;
                }
            } else {
                p = copy(b, i, j, out, p);
                p = copyArg(fields, a, out, p);
                i = j + 2;
            }
        }
        return copy(b, i, end, out, p);
    }

    private static int copy(byte[] src, int from, int to, byte[] out, int at) {
        System.arraycopy(src, from, out, at, to - from);
        return at + to - from;
    }

    private static int copyArg(PlainFields fields, int arg, byte[] out, int at) {
        final int f = PlainFields.FIRST_ARG + arg;
        return copy(fields.bytes(), fields.start(f), fields.end(f), out, at);
    }

    private static int indexOfDelimiter(byte[] b, int from, int end) {
        for (int k = from, last = end - 1; k < last; k++) {
            if (b[k] == DELIM_START && b[k + 1] == DELIM_STOP) {
                return k;
            }
        }
        return -1;
    }

    private static int indexOfDelimiter(CharSequence s, int from, int len) {
        for (int k = from, last = len - 1; k < last; k++) {
            if (s.charAt(k) == DELIM_START && s.charAt(k + 1) == DELIM_STOP) {
                return k;
            }
        }
        return -1;
    }
}
