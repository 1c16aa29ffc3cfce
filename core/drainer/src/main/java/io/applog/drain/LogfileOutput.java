package io.applog.drain;

import io.applog.internal.SecureFiles;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The open logfile of a {@link FileSink}: opened without following a symlink, created 0600,
 * written through one reusable buffer, its length tracked so that it moves together with the
 * checkpoint. With echo on, the same bytes also go to standard output.
 */
final class LogfileOutput implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final FileChannel echo;
    private static final int PENDING_CHARS = 1 << 17;
    private static final int INITIAL_CHARS = 4096;
    private static final int MAX_RETAINED_CHARS = 1 << 20;
    private final byte[] bytes = new byte[BUFFER_BYTES];
    private StringBuilder pending = new StringBuilder(PENDING_CHARS + INITIAL_CHARS);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}); // U+FFFD
    private int position;
    private long length;

    private LogfileOutput(Path path, FileChannel channel, FileChannel echo, long length) {
        this.path = path;
        this.channel = channel;
        this.echo = echo;
        this.length = length;
    }

    /**
     * Opens {@code path} for appending after {@code keepLength} bytes (the rest, written after
     * the last checkpoint, is cut off); a negative {@code keepLength} keeps the whole file. In
     * append mode: a write always lands at the file's end, even after someone else truncated it.
     */
    static LogfileOutput open(Path path, long keepLength, boolean echoStdout) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException("logfile " + path + " is a symbolic link; refusing to write through it");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            SecureFiles.createDirectories(parent);
        }
        FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS),
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
            return new LogfileOutput(path, ch, out, length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Bytes in the file once everything buffered is flushed. */
    long length() throws IOException {
        encodePending();
        return length + position;
    }

    /**
     * The text of lines not yet encoded: a format appends a line here, then calls
     * {@link #lineDone()}. Lines are encoded to UTF-8 a few hundred kilobytes at a time.
     */
    StringBuilder text() {
        return pending;
    }

    /** Called after each line appended to {@link #text()}. */
    void lineDone() throws IOException {
        if (pending.length() >= PENDING_CHARS) {
            encodePending();
        }
    }

    /**
     * The buffer to write a line of up to {@code n} bytes into, at {@link #position()}, after
     * everything appended before (pending text is encoded first); then {@link #advance}. Null
     * when {@code n} is more than the buffer holds: such a line goes through {@link #text()}.
     */
    byte[] reserve(int n) throws IOException {
        if (n > bytes.length) {
            return null;
        }
        encodePending();
        if (bytes.length - position < n) {
            writeBuffer();
        }
        return bytes;
    }

    /** Where the next line goes in the buffer {@link #reserve} returned. */
    int position() {
        return position;
    }

    /** Takes the bytes written into the buffer up to {@code end} as part of the file. */
    void advance(int end) {
        position = end;
    }

    /**
     * Moves the pending text into the byte buffer as UTF-8; a lone surrogate becomes U+FFFD.
     * Text that is all ASCII (the usual case) takes the JDK's vectorised copies; anything else
     * goes through a {@link CharsetEncoder} that replaces what it cannot encode.
     */
    private void encodePending() throws IOException {
        final int n = pending.length();
        if (n == 0) {
            return;
        }
        final String text = pending.toString();
        final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        // one byte per char: all ASCII, unless lone surrogates became '?' (the JDK's choice,
        // not U+FFFD): the bytes read back as ISO-8859-1 equal the text only if all ASCII
        if (utf8.length == n && text.equals(new String(utf8, StandardCharsets.ISO_8859_1))) {
            put(utf8);
        } else {
            encodeChars(text);
        }
        pending.setLength(0);
        if (pending.capacity() > MAX_RETAINED_CHARS) {
            pending = new StringBuilder(PENDING_CHARS + INITIAL_CHARS);
        }
    }

    private void put(byte[] b) throws IOException {
        int from = 0;
        while (from < b.length) {
            if (position == bytes.length) {
                writeBuffer();
            }
            final int k = Math.min(b.length - from, bytes.length - position);
            System.arraycopy(b, from, bytes, position, k);
            position += k;
            from += k;
        }
    }

    /** Text with non-ASCII chars: the JDK's UTF-8 encoder, lone surrogates replaced by U+FFFD. */
    private void encodeChars(String text) throws IOException {
        final CharBuffer in = CharBuffer.wrap(text.toCharArray());
        final CharsetEncoder encoder = utf8.reset();
        while (true) {
            final ByteBuffer out = ByteBuffer.wrap(bytes, position, bytes.length - position);
            final CoderResult result = encoder.encode(in, out, true);
            position = out.position();
            if (!result.isOverflow()) { // underflow: all consumed (errors are replaced, never reported)
                encoder.flush(out); // UTF-8 holds no state: nothing more to write
                position = out.position();
                return;
            }
            writeBuffer();
        }
    }

    /** Writes everything buffered to the file (and to stdout when echoing). */
    void flush() throws IOException {
        encodePending();
        writeBuffer();
    }

    private void writeBuffer() throws IOException {
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

    /**
     * Takes the file's size as its length when someone else changed it (truncated it, as
     * logrotate's {@code copytruncate} does, or appended to it), everything written being
     * flushed; true if it did.
     */
    boolean takeSize() throws IOException {
        flush();
        long size = channel.size();
        if (size == length) {
            return false;
        }
        length = size;
        return true;
    }

    /** Closes the file without writing what is buffered. */
    void abandon() throws IOException {
        pending.setLength(0);
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
