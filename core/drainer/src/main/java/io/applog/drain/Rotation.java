package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.SecureFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * When and how the logfile is rotated: by size and/or at each local day or hour, keeping
 * {@code app.log.1} (newest) .. {@code app.log.N}, optionally gzipped. Rotation happens only
 * right after a checkpoint, and every step leaves a state a restarted drainer resumes from
 * without losing or repeating a record (see {@link #rotate}).
 */
public final class Rotation {
    /** Time-based rotation period. */
    public enum Period { NONE, DAILY, HOURLY }

    /** No rotation. */
    public static final Rotation NONE = new Rotation(0, Period.NONE, 0, false);

    private final long maxBytes;
    private final Period period;
    private final int keep;
    private final boolean gzip;

    /**
     * @param maxBytes rotate once the file holds this many bytes; 0 for no size limit
     * @param period   rotate when the local day or hour changes
     * @param keep     rotated files kept (1..1000)
     * @param gzip     compress rotated files
     */
    public Rotation(long maxBytes, Period period, int keep, boolean gzip) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes=" + maxBytes + " (expected >= 0)");
        }
        boolean rotates = maxBytes > 0 || period != Period.NONE;
        if (rotates && (keep < 1 || keep > 1000)) {
            throw new IllegalArgumentException("keep=" + keep + " (expected 1..1000)");
        }
        this.maxBytes = maxBytes;
        this.period = period;
        this.keep = keep;
        this.gzip = gzip;
    }

    /** Parses {@code 10MB}, {@code 512K}, {@code 1GiB} or a plain byte count (units of 1024). */
    public static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        String digits = t;
        String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"},
                {"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"},
                {"K", "1024"}, {"M", "1048576"}, {"G", "1073741824"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                digits = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected e.g. 10MB, 512KB, 1GB)");
        }
    }

    /** The byte count at which a batch stops so that the file can rotate; MAX_VALUE if none. */
    long sizeLimit() {
        return maxBytes > 0 ? maxBytes : Long.MAX_VALUE;
    }

    boolean enabled() {
        return maxBytes > 0 || period != Period.NONE;
    }

    /** The period (day or hour) an instant falls in, as a comparable number; 0 without one. */
    long periodOf(Instant instant, ZoneId zone) {
        if (period == Period.NONE) {
            return 0;
        }
        LocalDateTime t = LocalDateTime.ofInstant(instant, zone);
        return period == Period.DAILY ? t.toLocalDate().toEpochDay()
                : t.truncatedTo(ChronoUnit.HOURS).toLocalDate().toEpochDay() * 24 + t.getHour();
    }

    /** True if a non-empty file of {@code length} bytes begun in {@code filePeriod} rotates now. */
    boolean due(long length, long filePeriod, long nowPeriod) {
        return length > 0 && (length >= sizeLimit() || filePeriod != nowPeriod);
    }

    /**
     * Shifts {@code app.log.(i)} to {@code .(i+1)} (dropping the oldest) and renames the logfile
     * to {@code app.log.1}. The caller has flushed and checkpointed the file and saves a
     * checkpoint of length 0 afterwards. A kill -9 at any step leaves either the old file in
     * place (the checkpoint matches it) or no file (a restart starts an empty one and resumes
     * from the checkpoint, whose records are all in {@code app.log.1}).
     */
    void rotate(Path logfile) throws IOException {
        for (int i = keep; i >= 1; i--) {
            Path plain = numbered(logfile, i, false);
            Path zipped = numbered(logfile, i, true);
            if (i == keep) {
                Files.deleteIfExists(plain);
                Files.deleteIfExists(zipped);
            } else {
                moveIfExists(plain, numbered(logfile, i + 1, false));
                moveIfExists(zipped, numbered(logfile, i + 1, true));
            }
        }
        Files.move(logfile, numbered(logfile, 1, false), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Compresses {@code app.log.1} if gzip is on: to a temporary file, renamed, then the plain one deleted. */
    void compressNewest(Path logfile) {
        if (!gzip) {
            return;
        }
        Path plain = numbered(logfile, 1, false);
        Path zipped = numbered(logfile, 1, true);
        Path tmp = zipped.resolveSibling(zipped.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (InputStream in = Files.newInputStream(plain, LinkOption.NOFOLLOW_LINKS);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp,
                         StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                in.transferTo(out);
            }
            SecureFiles.restrict(tmp, SecureFiles.FILE);
            Files.move(tmp, zipped, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(plain);
        } catch (IOException e) {
            InternalLog.warnLimited("cannot gzip " + plain + ": " + InternalLog.describe(e));
        }
    }

    static Path numbered(Path logfile, int i, boolean gz) {
        return logfile.resolveSibling(logfile.getFileName() + "." + i + (gz ? ".gz" : ""));
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
