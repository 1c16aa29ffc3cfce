package io.applog.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time given on the command line: ISO ({@code 2026-11-25T05:07:12Z}, with an
 * offset, or local: {@code 2026-11-25T05:07:12}, {@code 2026-11-25 05:07:12},
 * {@code 2026-11-25}) or relative to now ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}).
 */
final class TimeArgument {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhd])");

    private TimeArgument() {
    }

    /**
     * Epoch nanoseconds of {@code text}.
     *
     * @throws IllegalArgumentException with the accepted forms when the text is none of them
     */
    static long parse(String text, Instant now, ZoneId zone) {
        String t = text.trim();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return nanos(now.minus(d));
        }
        try {
            if (t.length() == 10) {
                return nanos(LocalDate.parse(t).atStartOfDay(zone).toInstant());
            }
            String iso = t.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return nanos(OffsetDateTime.parse(iso).toInstant());
            }
            return nanos(LocalDateTime.parse(iso).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (expected e.g. "
                    + "2026-11-25T05:07:12Z, 2026-11-25 05:07:12, 2026-11-25, 30s, 10m, 2h or 1d)");
        }
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
