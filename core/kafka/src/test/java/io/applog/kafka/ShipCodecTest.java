package io.applog.kafka;

import io.applog.Level;
import io.applog.record.DecodedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShipCodecTest {
    private static final ShipCodec.Identity ID = new ShipCodec.Identity("host-é", "w-42-1700000000000", "web", 42, 1_700_000_000_000L);

    @Test
    void shouldReadBackEveryFieldOfARecordAndTheIdentity() {
        DecodedRecord r = new DecodedRecord();
        r.index = 0x1234_5678_9AL;
        r.timestampNanos = 1_700_000_000_123_456_789L;
        r.level = Level.WARN;
        r.thread.append("main");
        r.logger.append("a.B");
        r.template.append("x={} y={} \t😀 \uD800 lone");
        r.hasTemplate = true;
        r.arg(0).append("1");
        r.arg(1).append("日本語");
        r.argCount = 2;
        r.throwable.append("java.lang.X: boom\n\tat a.B.c(B.java:1)");
        r.hasThrowable = true;
        r.mdcKey(0).append("user");
        r.mdcValues[0].append("ann");
        r.mdcCount = 1;
        r.kvKey(0).append("k");
        r.kvValues[0].append("v");
        r.kvCount = 1;

        ShipBuffer out = new ShipBuffer(8);
        ShipCodec.header(out, ShipLayout.KIND_RECORDS, ID);
        ShipCodec.record(out, r);
        ShipReader in = new ShipReader().reset(out.toArray(), 0);
        assertEquals(ShipLayout.KIND_RECORDS, ShipCodec.kind(in));
        assertEquals(ID, ShipCodec.identity(in, new StringBuilder()));
        DecodedRecord back = new DecodedRecord();
        ShipCodec.record(in, back);
        assertTrue(in.atEnd());

        assertEquals(r.index, back.index);
        assertEquals(r.timestampNanos, back.timestampNanos);
        assertEquals(Level.WARN, back.level);
        assertEquals("main", back.thread.toString());
        assertEquals("a.B", back.logger.toString());
        assertEquals("x={} y={} \t😀 \uD800 lone", back.template.toString());
        assertTrue(back.hasTemplate);
        assertEquals(2, back.argCount);
        assertEquals("1", back.args[0].toString());
        assertEquals("日本語", back.args[1].toString());
        assertTrue(back.hasThrowable);
        assertEquals(r.throwable.toString(), back.throwable.toString());
        assertEquals(1, back.mdcCount);
        assertEquals("user=ann", back.mdcKeys[0] + "=" + back.mdcValues[0]);
        assertEquals(1, back.kvCount);
        assertEquals("k=v", back.kvKeys[0] + "=" + back.kvValues[0]);
        assertFalse(back.isPlain);
    }

    /** A string decodes through a buffer of 4,096 chars: long ones, and every width at its edges, come back whole. */
    @Test
    void shouldReadBackLongStringsAcrossTheDecodeBuffer() {
        StringBuilder longText = new StringBuilder();
        String[] pieces = {"a", "é", "日", "😀", "\uDC00", "\t"};
        for (int i = 0; longText.length() < 20_000; i++) {
            longText.append(pieces[i % pieces.length]).append("x".repeat(i % 5));
        }
        for (String text : new String[] {longText.toString(), "y".repeat(4095) + "😀", "z".repeat(4096), "日".repeat(4097), ""}) {
            DecodedRecord r = new DecodedRecord();
            r.thread.append("t");
            r.logger.append("l");
            r.template.append(text);
            r.hasTemplate = true;
            ShipBuffer out = new ShipBuffer(8);
            ShipCodec.record(out, r);
            DecodedRecord back = new DecodedRecord();
            ShipCodec.record(new ShipReader().reset(out.toArray(), 0), back);
            assertEquals(text, back.template.toString());
            assertEquals("t", back.thread.toString());
        }
    }

    @Test
    void shouldRefuseForeignTruncatedAndNewerMessages() {
        ShipBuffer out = new ShipBuffer(8);
        ShipCodec.header(out, ShipLayout.KIND_BEAT, ID);
        byte[] whole = out.toArray();

        ShipReader.Malformed foreign = assertThrows(ShipReader.Malformed.class,
                () -> ShipCodec.kind(new ShipReader().reset("{\"hello\":1}".getBytes(), 0)));
        assertEquals("not an applog message (no magic)", foreign.getMessage());
        assertEquals(ShipReader.Skipped.FOREIGN, foreign.kind);
        assertEquals(ShipReader.Skipped.FOREIGN, assertThrows(ShipReader.Malformed.class,
                () -> ShipCodec.kind(new ShipReader().reset(new byte[]{'a'}, 0))).kind);

        byte[] newer = whole.clone();
        newer[2] = 2;
        ShipReader.Malformed other = assertThrows(ShipReader.Malformed.class,
                () -> ShipCodec.kind(new ShipReader().reset(newer, 0)));
        assertEquals("message version 2 (this reader knows 1)", other.getMessage());
        assertEquals(ShipReader.Skipped.VERSION, other.kind);

        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        ShipReader in = new ShipReader().reset(cut, 0);
        ShipCodec.kind(in);
        assertEquals(ShipReader.Skipped.DAMAGED, assertThrows(ShipReader.Malformed.class,
                () -> ShipCodec.identity(in, new StringBuilder())).kind);

        assertThrows(ShipReader.Malformed.class, () -> ShipCodec.kind(new ShipReader().reset(null, 0)));
    }

    @Test
    void shouldMaskCredentialsAndRefuseBadTopics() {
        KafkaSettings s = new KafkaSettings("h:9092", "app.logs", java.util.Map.of(
                "sasl.jaas.config", "org.x.Plain username=\"u\" password=\"p4ss\"",
                "ssl.truststore.password", "secret1", "security.protocol", "SASL_SSL"));
        assertEquals("kafka=h:9092 topic=app.logs sasl.jaas.config=[hidden] security.protocol=SASL_SSL"
                + " ssl.truststore.password=[hidden]", s.describe());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSettings("h:9092", "a/b", java.util.Map.of()));
        assertEquals("topic=a/b (expected 1 to 249 of the characters A-Z a-z 0-9 . _ -, not . or ..)", bad.getMessage());
        assertEquals("kafka-property=sasl.password=[hidden] (expected KEY=VALUE)",
                "kafka-property=" + KafkaSettings.mask("sasl.password=x") + " (expected KEY=VALUE)");
        // in any message: the values, and a password= a client's message quotes from a JAAS line
        assertEquals("login failed for [hidden]: bad truststore [hidden]; password=[hidden] rejected",
                s.maskSecrets("login failed for org.x.Plain username=\"u\" password=\"p4ss\": bad truststore secret1;"
                        + " password=\"other\" rejected"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a b", "a/b", "é"})
    void shouldRefuseTopicNamesKafkaRefuses(String topic) {
        assertEquals("topic=" + topic + " (expected 1 to 249 of the characters A-Z a-z 0-9 . _ -, not . or ..)",
                assertThrows(IllegalArgumentException.class, () -> KafkaSettings.validateTopic(topic)).getMessage());
    }

    @Test
    void shouldTakeTopicNamesUpTo249Characters() {
        KafkaSettings.validateTopic("a");
        KafkaSettings.validateTopic("...");
        KafkaSettings.validateTopic("A-z_0.9");
        KafkaSettings.validateTopic("t".repeat(249));
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.validateTopic("t".repeat(250)));
    }
}
