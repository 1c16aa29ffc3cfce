package io.applog.archive;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * This JVM's class path as jar files only (a class-data archive takes nothing else): each
 * directory on it is packed into a jar in a given directory; the one holding the command line
 * ({@code io/applog/cli/Main.class}) gets the name of the applog-drainer jar.
 */
final class ClassPathJars {
    static final String MAIN_CLASS_FILE = "io/applog/cli/Main.class";

    private ClassPathJars() {
    }

    /**
     * The class path with every directory packed into {@code into}; the directory with the
     * command line becomes {@code drainerJar}, the others {@code classes-N.jar}.
     */
    static List<Path> pack(Path into, String drainerJar) throws IOException {
        List<Path> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                String name = Files.exists(p.resolve(MAIN_CLASS_FILE)) ? drainerJar : "classes-" + (n++) + ".jar";
                Path jar = into.resolve(name);
                write(p, jar, null);
                out.add(jar);
            }
        }
        return out;
    }

    /** Writes the files under {@code dir} into {@code jar}, with {@code manifest} if not null. */
    static void write(Path dir, Path jar, Manifest manifest) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(f)) {
                    out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
    }

    /** A manifest naming {@code mainClass} and the jars of {@code classPath} (absolute file URLs). */
    static Manifest manifest(String mainClass, List<Path> classPath) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        StringBuilder cp = new StringBuilder();
        for (Path p : classPath) {
            cp.append(cp.length() == 0 ? "" : " ").append(p.toAbsolutePath().toUri());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString());
        return m;
    }

    /** The directory of this JVM's class path that holds the command line. */
    static Path drainerClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.exists(Path.of(entry, ClassPathJars.MAIN_CLASS_FILE))) {
                return Path.of(entry);
            }
        }
        throw new AssertionError("no directory with " + ClassPathJars.MAIN_CLASS_FILE + " on the class path");
    }

    static String join(List<Path> classPath) {
        List<String> s = new ArrayList<>();
        for (Path p : classPath) {
            s.add(p.toString());
        }
        return String.join(File.pathSeparator, s);
    }
}
