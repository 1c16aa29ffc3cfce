package io.applog.format;

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
public final class MessageFormatter {
    private static final char DELIM_START = '{';
    private static final char DELIM_STOP = '}';
    private static final char ESCAPE = '\\';

    private MessageFormatter() {
    }

    /**
     * Appends {@code template} to {@code out} with its placeholders filled.
     *
     * @param template the message template, not null and not {@code out} itself
     * @param args the rendered arguments; a null element appends {@code null}
     * @param argCount how many leading elements of {@code args} are valid
     * @param out where the message is appended
     */
    public static void format(CharSequence template, StringBuilder[] args, int argCount, StringBuilder out) {
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

    private static int indexOfDelimiter(CharSequence s, int from, int len) {
        for (int k = from, last = len - 1; k < last; k++) {
            if (s.charAt(k) == DELIM_START && s.charAt(k + 1) == DELIM_STOP) {
                return k;
            }
        }
        return -1;
    }
}
