package io.applog.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates directories 0700 and files 0600 whatever the umask, and never through a symlink. */
public final class SecureFiles {
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FILE_GROUP_READ =
            PosixFilePermissions.fromString("rw-r-----");
    private static final FileAttribute<Set<PosixFilePermission>> DIR_ATTR =
            PosixFilePermissions.asFileAttribute(DIR);

    private SecureFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents as 0700 directories. An existing directory
     * is accepted as it is; a symlink or a file in its place is refused.
     */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            createDirectory(dir); // another process may create it meanwhile: that is accepted
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " exists and is not a directory");
        }
    }

    /** Creates one 0700 directory; false if it already existed. */
    public static boolean createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, DIR_ATTR);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw e;
        }
        Files.setPosixFilePermissions(dir, DIR);
        return true;
    }

    /** Sets 0600 (or the given set) on a file, not following a symlink; quiet if it is gone. */
    public static void restrict(Path file, Set<PosixFilePermission> perms) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(file, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            InternalLog.warnLimited("cannot restrict permissions of " + file + ": "
                    + InternalLog.describe(e));
        }
    }

    /** Deletes a directory tree without following symlinks; returns false if anything remains. */
    public static boolean deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            InternalLog.warn("cannot delete " + dir + ": " + InternalLog.describe(e));
            return false;
        }
    }
}
