package io.applog.drain;

import io.applog.format.RecordFormat;
import io.applog.record.DecodedRecord;
import io.applog.record.RecordDecoder;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The logfile as a {@link Sink}: each record formatted as one line (text or JSON Lines) into
 * one file, also echoed to standard output if asked, rotated by size or period
 * ({@link Rotation}) right after a checkpoint.
 *
 * <p>Its position is the file's length, absolute path and identity (device and inode, as
 * {@link BasicFileAttributes#fileKey()} gives them), {@code <length> <url-encoded path>
 * <url-encoded file key>}: restoring it cuts the file back to that length, so that a record
 * written after the last checkpoint is neither lost nor written twice; a position of another
 * path leaves the file as it is and appends to it. If the file at the path is no longer the
 * one checkpointed (renamed away by logrotate meanwhile), the new one is appended to and the
 * old one, found by its identity next to it, is cut back instead. (A position without a file
 * key, written by an earlier version, is taken as the file at its path; checkpoints written
 * before sinks had {@code <length> <path>} on their {@code logfile} line.)
 *
 * <p>Rotation by others: {@link #reopen()} (SIGHUP) closes the file and opens the path again at
 * the next checkpoint, as rsyslog and nginx do; without it, the sink notices by itself, within
 * a second, a file renamed or deleted (it opens the path again) or truncated under it
 * ({@code copytruncate}: it goes on at the new end). The file is opened for appending, so a
 * write after a truncation lands at the file's end, never after a gap of NUL bytes.
 */
final class FileSink implements Sink {
    /** The sink's name in the checkpoint. */
    static final String KIND = "file";
    private static final String UNIT = "byte";
    /** How often the sink looks whether the logfile was renamed or truncated by others. */
    private static final long LOOK_NANOS = 250_000_000L;

    private final Path path;
    private final String absolute;
    private final RecordFormat format;
    private final boolean echoStdout;
    private final Rotation rotation;
    private final long sizeLimit;
    private final ZoneId zone;
    private LogfileOutput out;
    /** The identity of the open file (device and inode), as it was when opened; null if unknown. */
    private Object fileKey;
    /** The rotation period (day or hour) the open file was begun in. */
    private long filePeriod;
    /** nanoTime at which to look next whether the file at the path is still the open one. */
    private long nextLook = System.nanoTime();
    private volatile boolean reopenAsked;

    /**
     * @param path       the logfile; never written through a symlink
     * @param format     how a record becomes a line
     * @param echoStdout also write every line to standard output
     * @param rotation   when to rotate the logfile
     * @param zone       the zone whose days and hours rotation follows
     */
    FileSink(Path path, RecordFormat format, boolean echoStdout, Rotation rotation, ZoneId zone) {
        this.path = path;
        this.absolute = path.toAbsolutePath().toString();
        this.format = format;
        this.echoStdout = echoStdout;
        this.rotation = rotation;
        this.sizeLimit = rotation.sizeLimit();
        this.zone = zone;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public RecordDecoder decoder() {
        return new RecordDecoder(format.writesPlainBytes(), format.showsContext());
    }

    @Override
    public void restore(String position) throws IOException {
        long keep = -1;
        if (position != null) {
            Saved saved = Saved.parse(position);
            if (saved.path.equals(absolute)) {
                Object now = FileIdentity.of(path);
                if (saved.key == null || now == null || saved.key.equals(now.toString())) {
                    keep = saved.length;
                } else {
                    FileIdentity.cutBackRenamed(path, saved.key, saved.length);
                }
            }
        }
        open(keep);
    }

    /** Opens the path, cut back to {@code keep} bytes (all of it if negative). */
    private void open(long keep) throws IOException {
        LogfileOutput opened = LogfileOutput.open(path, keep, echoStdout);
        try {
            Instant begun = opened.length() == 0 ? Instant.now()
                    : Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
            filePeriod = rotation.periodOf(begun, zone);
        } catch (IOException | RuntimeException e) {
            try {
                opened.abandon();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        out = opened;
        fileKey = FileIdentity.of(path);
    }

    @Override
    public void write(DecodedRecord record) throws IOException {
        final LogfileOutput o = out;
        final int bytes = format.maxBytes(record);
        final byte[] buffer = bytes >= 0 ? o.reserve(bytes) : null;
        if (buffer != null) {
            o.advance(format.formatBytes(record, buffer, o.position()));
            return;
        }
        final StringBuilder text = o.text();
        final int mark = text.length();
        try {
            format.format(record, text);
        } catch (RuntimeException e) {
            text.setLength(mark); // never half a line in the file
            throw e;
        }
        o.lineDone();
    }

    @Override
    public boolean needsCheckpoint() throws IOException {
        return sizeLimit != Long.MAX_VALUE && out.length() >= sizeLimit;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public String position() throws IOException {
        return out.length() + " " + URLEncoder.encode(absolute, StandardCharsets.UTF_8) + " "
                + URLEncoder.encode(fileKey == null ? "-" : fileKey.toString(), StandardCharsets.UTF_8);
    }

    /** Closes the logfile and opens its path again at the next checkpoint (SIGHUP); any thread. */
    @Override
    public void reopen() {
        reopenAsked = true;
    }

    /**
     * Follows a rotation by others: reopens the path when asked or when the file there is no
     * longer the open one, and goes on at the end of a file truncated under it. Then rotates the
     * logfile when it is due ({@link Rotation#rotate} says why every step is safe against a
     * kill -9), and compresses the file it became if asked. A new or truncated file is
     * checkpointed by the drainer before anything more is written to it.
     */
    @Override
    public boolean afterCheckpoint() throws IOException {
        boolean moved = followOthers();
        if (!rotation.enabled()) {
            return moved;
        }
        long nowPeriod = rotation.periodOf(Instant.now(), zone);
        if (!rotation.due(out.length(), filePeriod, nowPeriod)) {
            return moved;
        }
        out.close();
        rotation.rotate(path);
        open(0);
        filePeriod = nowPeriod;
        rotation.compressNewest(path);
        return true;
    }

    /**
     * Reopens the path if asked to or if the file there is another one (or none), and takes the
     * length of a file truncated (or appended to) by someone else as its own; looks at most
     * every {@link #LOOK_NANOS} unless asked. True if the position moved.
     */
    private boolean followOthers() throws IOException {
        final long now = System.nanoTime();
        if (!reopenAsked && now - nextLook < 0) {
            return false;
        }
        nextLook = now + LOOK_NANOS;
        final boolean asked = reopenAsked;
        reopenAsked = false;
        final Object atPath = FileIdentity.of(path);
        if (!asked && atPath != null && atPath.equals(fileKey)) {
            return out.takeSize();
        }
        out.close();
        open(-1);
        return true;
    }

    @Override
    public void abandon() throws IOException {
        if (out != null) {
            out.abandon();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /** What a checkpointed position of this sink says: the logfile and its length. */
    static Progress progress(String position) throws IOException {
        Saved saved = Saved.parse(position);
        return new Progress(saved.path, saved.length, UNIT);
    }

    /**
     * A position parsed: {@code <length> <url-encoded absolute path> <url-encoded file key>}
     * ({@code -} for none), or without the key as written by earlier versions ({@code key} null).
     */
    private record Saved(long length, String path, String key) {
        static Saved parse(String position) throws IOException {
            String[] f = position.split(" ", -1);
            try {
                long length = f.length == 2 || f.length == 3 ? Long.parseLong(f[0]) : -1;
                if (length >= 0) {
                    String key = f.length == 3 ? URLDecoder.decode(f[2], StandardCharsets.UTF_8) : "-";
                    return new Saved(length, URLDecoder.decode(f[1], StandardCharsets.UTF_8),
                            key.equals("-") ? null : key);
                }
            } catch (IllegalArgumentException e) { // a bad number or a bad %-escape
                throw bad(position, e);
            }
            throw bad(position, null);
        }

        private static IOException bad(String position, Exception cause) {
            return new IOException("position=" + position + " of the file sink is not <length> <path>", cause);
        }
    }
}
