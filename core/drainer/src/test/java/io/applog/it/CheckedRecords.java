package io.applog.it;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Records that carry their writer, sequence and a checksum, so that a logfile can be checked
 * against what was logged: message {@code w=<writer> seq=<n> crc=<8 hex> p=<payload>}, where
 * the CRC32 covers writer, sequence and payload, and the payload is a function of writer and
 * sequence (so it can be compared exactly). Payloads mix printable ASCII, TAB and 2-, 3- and
 * 4-byte UTF-8 (surrogate pairs, never split); none of their chars is escaped by the text
 * format. Lengths vary from 0 to a few hundred chars, with one record in 97 past 4,096 chars
 * (where the encoder and decoder leave their ASCII fast paths), unless a fixed length is given.
 */
final class CheckedRecords {
    /** The template logged; arguments: writer, sequence, checksum, payload. */
    static final String TEMPLATE = "w={} seq={} crc={} p={}";
    /** Payload length for "varying" in {@link #payload}. */
    static final int VARYING = -1;
    private static final String[] MULTI_BYTE = {"é", "ß", "ñ", "€", "日", "本", "語", "ह", "😀", "𝄞"};

    private CheckedRecords() {
    }

    /** The payload of record {@code seq} of {@code writer}: {@code chars} long, or varying. */
    static String payload(String writer, int seq, int chars) {
        SplittableRandom r = new SplittableRandom(((long) writer.hashCode() << 32) ^ seq);
        int length = chars >= 0 ? chars : seq % 97 == 0 ? 4_000 + r.nextInt(300) : r.nextInt(300);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int pick = r.nextInt(10);
            if (pick < 7) {
                int c = r.nextInt(0x1F, 0x7F);
                sb.append(c == 0x1F ? '\t' : (char) c);
            } else {
                String s = MULTI_BYTE[r.nextInt(MULTI_BYTE.length)];
                sb.append(s.length() <= length - sb.length() ? s : "x");
            }
        }
        return sb.toString();
    }

    /** CRC32 of writer, sequence and payload (UTF-8), as 8 lower-case hex digits. */
    static String crc(String writer, int seq, String payload) {
        CRC32 crc = new CRC32();
        crc.update((writer + '\n' + seq + '\n' + payload).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
