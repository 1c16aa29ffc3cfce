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
import java.time.Instant;
import java.time.ZoneId;

/**
 * The logfile as a {@link Sink}: each record formatted as one line (text or JSON Lines) into
 * one file, also echoed to standard output if asked, rotated by size or period
 * ({@link Rotation}) right after a checkpoint.
 *
 * <p>Its position is the file's length and absolute path, {@code <length> <url-encoded path>}:
 * restoring it cuts the file back to that length, so that a record written after the last
 * checkpoint is neither lost nor written twice; a position of another file leaves this one as
 * it is and appends to it. (Checkpoints written before sinks had this value on their
 * {@code logfile} line.)
 */
final class FileSink implements Sink {
    /** The sink's name in the checkpoint. */
    static final String KIND = "file";
    private static final String UNIT = "byte";

    private final Path path;
    private final String absolute;
    private final RecordFormat format;
    private final boolean echoStdout;
    private final Rotation rotation;
    private final long sizeLimit;
    private final ZoneId zone;
    private LogfileOutput out;
    /** The rotation period (day or hour) the open file was begun in. */
    private long filePeriod;

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
                keep = saved.length;
            }
        }
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
        return out.length() + " " + URLEncoder.encode(absolute, StandardCharsets.UTF_8);
    }

    /**
     * Rotates the logfile when it is due ({@link Rotation#rotate} says why every step is safe
     * against a kill -9), then compresses the file it became if asked. The new, empty file is
     * checkpointed by the drainer before anything is written to it.
     */
    @Override
    public boolean afterCheckpoint() throws IOException {
        if (!rotation.enabled()) {
            return false;
        }
        long nowPeriod = rotation.periodOf(Instant.now(), zone);
        if (!rotation.due(out.length(), filePeriod, nowPeriod)) {
            return false;
        }
        out.close();
        rotation.rotate(path);
        out = LogfileOutput.open(path, 0, echoStdout);
        filePeriod = nowPeriod;
        rotation.compressNewest(path);
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

    /** A position parsed: {@code <length> <url-encoded absolute path>}. */
    private record Saved(long length, String path) {
        static Saved parse(String position) throws IOException {
            String[] f = position.split(" ", -1);
            try {
                long length = f.length == 2 ? Long.parseLong(f[0]) : -1;
                if (length >= 0) {
                    return new Saved(length, URLDecoder.decode(f[1], StandardCharsets.UTF_8));
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
