package io.applog.drain;

import io.applog.internal.SecureFiles;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The logfile: opened without following a symlink, created 0600, written through one
 * reusable buffer, its length tracked so that it moves together with the checkpoint. With
 * echo on, the same bytes also go to standard output.
 */
final class LogSink implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final FileChannel echo;
    private static final int INITIAL_CHARS = 4096;
    private static final int MAX_RETAINED_CHARS = 1 << 20;
    private final byte[] bytes = new byte[BUFFER_BYTES];
    private char[] chars = new char[INITIAL_CHARS];
    private int position;
    private long length;

    private LogSink(Path path, FileChannel channel, FileChannel echo, long length) {
        this.path = path;
        this.channel = channel;
        this.echo = echo;
        this.length = length;
    }

    /**
     * Opens {@code path} for appending after {@code keepLength} bytes (the rest, written after
     * the last checkpoint, is cut off); a negative {@code keepLength} keeps the whole file.
     */
    static LogSink open(Path path, long keepLength, boolean echoStdout) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException("logfile " + path + " is a symbolic link; refusing to write through it");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            SecureFiles.createDirectories(parent);
        }
        FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(SecureFiles.FILE));
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("logfile " + path + " is not a regular file");
            }
            SecureFiles.restrict(path, SecureFiles.FILE);
            long size = ch.size();
            long length = size;
            if (keepLength >= 0 && keepLength <= size) {
                ch.truncate(keepLength);
                length = keepLength;
            }
            ch.position(length);
            FileChannel out = echoStdout ? new FileOutputStream(FileDescriptor.out).getChannel() : null;
            return new LogSink(path, ch, out, length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Bytes in the file once everything buffered is flushed. */
    long length() {
        return length + position;
    }

    /** Appends the UTF-8 encoding of {@code text}; a lone surrogate becomes U+FFFD. */
    void append(StringBuilder text) throws IOException {
        final int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        final char[] in = chars;
        text.getChars(0, n, in, 0);
        final byte[] out = bytes;
        final int limit = out.length - 4;
        int p = position;
        for (int i = 0; i < n; i++) {
            if (p > limit) {
                position = p;
                flush();
                p = position;
            }
            final char c = in[i];
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in[i + 1])) {
                final int cp = Character.toCodePoint(c, in[++i]);
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                final char d = Character.isSurrogate(c) ? '\uFFFD' : c;
                out[p++] = (byte) (0xE0 | (d >> 12));
                out[p++] = (byte) (0x80 | ((d >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (d & 0x3F));
            }
        }
        position = p;
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[INITIAL_CHARS];
        }
    }

    /** Writes everything buffered to the file (and to stdout when echoing). */
    void flush() throws IOException {
        if (position > 0) {
            if (echo != null) {
                ByteBuffer copy = ByteBuffer.wrap(bytes, 0, position);
                while (copy.hasRemaining()) {
                    echo.write(copy);
                }
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes, 0, position);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            length += position;
            position = 0;
        }
    }

    /** Closes the file without writing what is buffered. */
    void abandon() throws IOException {
        position = 0;
        channel.close();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
