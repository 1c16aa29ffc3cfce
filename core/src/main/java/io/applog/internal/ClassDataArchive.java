package io.applog.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * A dynamic class-data archive (AppCDS) of one class path and one set of JVM flags: a JVM
 * started with {@link #runFlags()} maps the classes it would otherwise load, verify and link
 * from the jars. JDK 17 makes one with {@code -XX:ArchiveClassesAtExit} at the end of a run and
 * uses it with {@code -XX:SharedArchiveFile}; a missing or stale archive (a jar changed, another
 * JDK) is ignored, and {@link #QUIET} keeps the JVM from saying so.
 *
 * <p>The file is {@code <dir>/<base>.<id>-<state>.jsa}: {@code id} names the class path, the
 * java and the flags, {@code state} the sizes and times of the jars and of the JVM, so a rebuilt
 * jar gets a new file and the files of its older states are deleted. It is made by a training
 * run ({@code io.applog.cli.ArchiveTraining}, in applog-drainer, which runs applog's commands on
 * a throw-away queue) in a child process: {@code sh} runs the training under
 * {@code -XX:ArchiveClassesAtExit=<final>.<pid>.tmp}, checks the result with {@code -Xshare:on}
 * (a truncated archive would crash the JVM that maps it), makes it 0600 and renames it into
 * place. A training killed half way leaves only a {@code .tmp} file, which no JVM is given; a
 * lock file keeps two processes from training at once; a failed training leaves a
 * {@code .failed} mark, so it is not retried for the same state within an hour.
 *
 * <p>Only class paths made of jar files can be archived (JDK 17 refuses a non-empty directory);
 * {@link #of} returns null for any other. Jars that a jar's manifest names in its
 * {@code Class-Path} are checked by the JVM but are not part of the state: when only such a jar
 * changes, the archive is ignored until a jar of the class path itself changes.
 */
public final class ClassDataArchive {
    /** Keep the JVM quiet about an archive it cannot use; it then runs without one. */
    public static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds*=off");
    /** The training run's main class, in applog-drainer. */
    public static final String TRAINING_MAIN = "io.applog.cli.ArchiveTraining";
    static final String SUFFIX = ".jsa";
    static final long LOCK_STALE_MILLIS = TimeUnit.MINUTES.toMillis(5);
    static final long FAILED_RETRY_MILLIS = TimeUnit.HOURS.toMillis(1);
    /** Train, check, restrict, rename; arguments: final, lock, failed mark, then the java command up to its class path. */
    private static final String TRAIN_SCRIPT = String.join("\n",
            "umask 077",
            "final=$1 lock=$2 failed=$3",
            "shift 3",
            "tmp=$final.$$.tmp",
            "if \"$@\" -XX:ArchiveClassesAtExit=\"$tmp\" " + TRAINING_MAIN
                    + " && \"$@\" -Xshare:on -XX:SharedArchiveFile=\"$tmp\" -version"
                    + " && chmod 600 \"$tmp\" && mv -f \"$tmp\" \"$final\"; then :; else rm -f \"$tmp\"; : > \"$failed\"; fi",
            "rm -f \"$lock\"");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path dir;
    private final String prefix;
    private final Path file;
    private final List<String> java;

    private ClassDataArchive(Path dir, String prefix, String state, List<String> java) {
        this.dir = dir;
        this.prefix = prefix;
        this.file = dir.resolve(prefix + state + SUFFIX);
        this.java = java;
    }

    /**
     * The archive in {@code dir} for JVMs started as {@code java <jvmFlags> -cp <classPath>},
     * named after {@code base}; null if the class path has anything but jar files on it.
     */
    public static ClassDataArchive of(Path dir, String base, String classPath, List<String> jvmFlags) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        CRC32 id = new CRC32();
        CRC32 state = new CRC32();
        update(id, javaHome + "\n" + classPath + "\n" + String.join("\n", jvmFlags));
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (entry.isEmpty() || !stamp(state, Path.of(entry))) {
                return null;
            }
        }
        stamp(state, javaHome.resolve("lib/server/libjvm.so"));
        update(state, System.getProperty("java.vm.version", ""));
        List<String> java = new ArrayList<>();
        java.add(javaHome.resolve("bin/java").toString());
        java.addAll(jvmFlags);
        java.addAll(QUIET);
        java.add("-cp");
        java.add(classPath);
        return new ClassDataArchive(dir, base + "." + hex(id) + "-", hex(state), java);
    }

    /** Adds a regular file's size and modification time; false if it is not one. */
    private static boolean stamp(CRC32 crc, Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return false;
            }
            update(crc, a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void update(CRC32 crc, String s) {
        for (int i = 0; i < s.length(); i++) {
            crc.update(s.charAt(i));
        }
    }

    private static String hex(CRC32 crc) {
        String h = Long.toHexString(crc.getValue());
        return "00000000".substring(h.length()) + h;
    }

    /**
     * The directory of {@code jar} if an archive may be kept there: a directory this process can
     * write, not writable by everyone (no other user can plant a file there under an archive's name)
     * and not under the user's home (~/.m2 holds the jars of a library user; nothing of applog's is
     * written under $HOME); else null.
     */
    public static Path directoryBeside(Path jar) {
        try {
            Path dir = jar.toAbsolutePath().getParent();
            if (dir == null || !Files.isRegularFile(jar) || !Files.isWritable(dir)) {
                return null;
            }
            Path real = dir.toRealPath();
            if (Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_WRITE)) {
                return null;
            }
            for (String home : new String[]{System.getProperty("user.home"), System.getenv("HOME")}) {
                if (home != null && !home.isEmpty() && underHome(real, Path.of(home))) {
                    return null;
                }
            }
            return real;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean underHome(Path dir, Path home) throws IOException {
        if (!Files.isDirectory(home)) {
            return false;
        }
        Path realHome = home.toRealPath();
        return realHome.getNameCount() > 0 && dir.startsWith(realHome);
    }

    /** The archive's path (it may not exist). */
    public Path file() {
        return file;
    }

    /**
     * True if the archive exists as a regular file of this user that no one else can write (a
     * file someone else put there is never used).
     */
    public boolean usable() {
        return ownPrivateFile(file);
    }

    /** The flags that make a JVM use the archive, or none while it is not {@link #usable()}. */
    public List<String> runFlags() {
        if (!usable()) {
            return List.of();
        }
        List<String> flags = new ArrayList<>();
        flags.add("-XX:SharedArchiveFile=" + file);
        flags.addAll(QUIET);
        return flags;
    }

    /**
     * Starts the training run in its own session, with no input or output, unless the archive
     * is usable, another process is training, or training failed for this state within the hour.
     * Returns the process, or null. Never throws.
     */
    public Process createInBackground() {
        try {
            if (usable() || recentlyFailed() || !lock()) {
                return null;
            }
            deleteOtherStates();
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                cmd.add(SETSID.toString());
            }
            cmd.addAll(List.of("/bin/sh", "-c", TRAIN_SCRIPT, "sh", file.toString(), lockFile().toString(),
                    failedMark().toString()));
            cmd.addAll(java);
            try {
                return new ProcessBuilder(cmd)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(lockFile());
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Makes the archive now if it is not usable, waiting up to {@code timeoutMillis}; true if it is usable then. */
    public boolean create(long timeoutMillis) throws InterruptedException {
        Process p = createInBackground();
        if (p != null && !p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return usable();
    }

    private Path lockFile() {
        return dir.resolve(file.getFileName() + ".lock");
    }

    private Path failedMark() {
        return dir.resolve(file.getFileName() + ".failed");
    }

    private boolean recentlyFailed() {
        Path mark = failedMark();
        return Files.exists(mark, LinkOption.NOFOLLOW_LINKS) && ageMillis(mark) < FAILED_RETRY_MILLIS;
    }

    /** Takes the lock file (a stale one, left by a killed training, is replaced); false if another process holds it. */
    private boolean lock() throws IOException {
        Path lock = lockFile();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createFile(lock, PosixFilePermissions.asFileAttribute(SecureFiles.FILE));
                return true;
            } catch (FileAlreadyExistsException e) {
                if (ageMillis(lock) < LOCK_STALE_MILLIS) {
                    return false;
                }
                Files.deleteIfExists(lock);
            }
        }
        return false;
    }

    /** Deletes the archives, marks and leftovers of this class path's older states. */
    private void deleteOtherStates() throws IOException {
        String lock = lockFile().getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob(prefix) + "*")) {
            for (Path f : files) {
                if (!f.getFileName().toString().equals(lock)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static long ageMillis(Path p) {
        try {
            FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            return System.currentTimeMillis() - t.toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A regular file (not a link) owned by this process's user and writable by no one else. */
    static boolean ownPrivateFile(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(myUid())
                    && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** This process's user id: the owner of its /proc directory. */
    static Object myUid() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
