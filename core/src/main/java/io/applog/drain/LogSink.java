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
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
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
        return length + buffer.position();
    }

    /** Appends the UTF-8 encoding of {@code text} (already free of lone surrogates). */
    void append(CharSequence text) throws IOException {
        final ByteBuffer buf = buffer;
        final int n = text.length();
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < 4) {
                flush();
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                buf.put((byte) c);
            } else if (c < 0x800) {
                buf.put((byte) (0xC0 | (c >> 6)));
                buf.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                buf.put((byte) (0xF0 | (cp >> 18)));
                buf.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                buf.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                buf.put((byte) (0x80 | (cp & 0x3F)));
            } else {
                if (Character.isSurrogate(c)) {
                    c = '\uFFFD';
                }
                buf.put((byte) (0xE0 | (c >> 12)));
                buf.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                buf.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    /** Writes everything buffered to the file (and to stdout when echoing). */
    void flush() throws IOException {
        buffer.flip();
        int n = buffer.remaining();
        if (n > 0) {
            if (echo != null) {
                ByteBuffer copy = buffer.duplicate();
                while (copy.hasRemaining()) {
                    echo.write(copy);
                }
            }
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            length += n;
        }
        buffer.clear();
    }

    /** Closes the file without writing what is buffered. */
    void abandon() throws IOException {
        buffer.clear();
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
