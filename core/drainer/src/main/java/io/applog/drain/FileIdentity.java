package io.applog.drain;

import io.applog.internal.InternalLog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which file a logfile path names (its device and inode, {@link BasicFileAttributes#fileKey()}),
 * so that the file sink can tell its own file from a new one logrotate put at the path, and
 * find its own file again after logrotate renamed it.
 */
final class FileIdentity {
    private FileIdentity() {
    }

    /** The identity of the file at {@code path} (not following a symlink); null if none or unknown. */
    static Object of(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The logfile checkpointed at {@code length} bytes as the file with identity {@code key} is
     * no longer at {@code logfile}'s path: if it is next to it under a name that starts with the
     * logfile's ({@code app.log.1}, {@code app.log-20261202}), a regular file longer than that,
     * it is cut back to {@code length}, as the logfile itself would have been: what was written
     * to it after the checkpoint is written again, to the new file. (If it was compressed or
     * moved elsewhere, such lines may appear twice: once in the old file, once in the new.)
     */
    static void cutBackRenamed(Path logfile, String key, long length) {
        Path dir = logfile.toAbsolutePath().getParent();
        String name = logfile.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, name + "?*")) {
            for (Path p : siblings) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && a.fileKey() != null && key.equals(a.fileKey().toString())) {
                    if (a.size() > length) {
                        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                            ch.truncate(length);
                        }
                    }
                    return;
                }
            }
        } catch (IOException e) {
            InternalLog.warn("cannot look for the renamed logfile next to " + logfile + ": " + InternalLog.describe(e));
        }
    }
}
