package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.Queues;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A look at a writer directory before Chronicle maps anything in it: Chronicle waits 10 to 20 s
 * on a metadata or first cycle file without a complete header, maps whatever a symlink points
 * to, and grows a file it does not recognise.
 *
 * <p>Ready: regular files only, a metadata file and a first cycle file that start with a
 * complete Chronicle header, and later cycle files that do or have no header yet (a writer
 * killed while rolling leaves one; Chronicle reads past it). Not yet: the writer is still
 * creating its queue. Refused: a symlink or directory in it, a queue file that is not
 * Chronicle's.
 *
 * @param ready   the queue can be opened
 * @param refused it never will be
 * @param problem what is wrong, when not ready
 */
record QueueInspection(boolean ready, boolean refused, String problem) {
    static final QueueInspection READY = new QueueInspection(true, false, null);
    static final String METADATA = "metadata.cq4t";
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    /** Binary wire of the field name "header", which every Chronicle file starts with. */
    private static final byte[] HEADER_START = {(byte) 0xB9, 6, 'h', 'e', 'a', 'd', 'e', 'r'};

    /** What the first bytes of a queue file say. */
    private enum Header { CHRONICLE, INCOMPLETE, FOREIGN, GONE }

    static QueueInspection notYet(String problem) {
        return new QueueInspection(false, false, problem);
    }

    static QueueInspection refused(String problem) {
        return new QueueInspection(false, true, problem);
    }

    /** Inspects the writer directory {@code dir}. */
    static QueueInspection of(Path dir) {
        List<Path> cycles = new ArrayList<>();
        Path metadata = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path f : entries) {
                String n = f.getFileName().toString();
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    return refused(n + " in it is not a regular file");
                }
                if (n.equals(METADATA)) {
                    metadata = f;
                } else if (n.endsWith(Queues.CYCLE_SUFFIX)) {
                    cycles.add(f);
                }
            }
        } catch (IOException e) {
            return notYet("cannot list it (" + InternalLog.describe(e) + ")");
        }
        if (metadata == null || cycles.isEmpty() || Queues.rollCycleOf(dir) == null) {
            return notYet("no queue in it");
        }
        cycles.sort(null);
        Path oldest = cycles.get(0);
        switch (header(metadata)) {
            case FOREIGN: return refused(METADATA + " in it is not a Chronicle queue file");
            case CHRONICLE: break;
            default: return notYet(METADATA + " in it has no complete Chronicle header");
        }
        switch (header(oldest)) {
            case FOREIGN: return refused(oldest.getFileName() + " in it is not a Chronicle queue file");
            case INCOMPLETE: return notYet(oldest.getFileName() + " in it has no complete Chronicle header");
            case GONE: return of(dir); // a drainer deleted it meanwhile: look again
            default: break;
        }
        for (Path f : cycles.subList(1, cycles.size())) {
            if (header(f) == Header.FOREIGN) {
                return refused(f.getFileName() + " in it is not a Chronicle queue file");
            }
        }
        return READY;
    }

    /**
     * True if {@code file} starts with a complete Chronicle header. A writer writes it before any
     * record, so a cycle file without one holds no record: after a writer killed while creating it,
     * it is the end of that writer's queue.
     */
    static boolean complete(Path file) {
        return header(file) == Header.CHRONICLE;
    }

    private static Header header(Path file) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_START.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read the first bytes
            }
        } catch (NoSuchFileException e) {
            return Header.GONE;
        } catch (IOException e) {
            return Header.FOREIGN;
        }
        int h = b.position() >= 4 ? b.getInt(0) : 0;
        if (h == 0 || (h & NOT_COMPLETE) != 0 || b.hasRemaining()) {
            return Header.INCOMPLETE;
        }
        if ((h & META_DATA) == 0) {
            return Header.FOREIGN;
        }
        for (int i = 0; i < HEADER_START.length; i++) {
            if (b.get(4 + i) != HEADER_START[i]) {
                return Header.FOREIGN;
            }
        }
        return Header.CHRONICLE;
    }
}
