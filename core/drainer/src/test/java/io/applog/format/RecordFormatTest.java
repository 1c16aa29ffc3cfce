package io.applog.format;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordFormatTest {

    @Test
    void knownNames() {
        assertInstanceOf(TextFormat.class, RecordFormat.of("text", ZoneId.of("UTC")));
        assertInstanceOf(JsonFormat.class, RecordFormat.of("json", ZoneId.of("UTC")));
        assertInstanceOf(JsonFormat.class, RecordFormat.of(" JSON ", ZoneId.of("UTC")));
        assertInstanceOf(OtelFormat.class, RecordFormat.of("otel", ZoneId.of("UTC")));
    }

    @Test
    void textUsesTheGivenZone() {
        StringBuilder out = new StringBuilder();
        RecordFormat.of("text", ZoneId.of("Europe/Berlin")).format(TestEvents.sample("x"), out);
        assertEquals("2026-11-25 06:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - x\n", out.toString());
    }

    @Test
    void unknownNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordFormat.of("xml", ZoneId.of("UTC")));
        assertEquals("format=xml (expected text, json or otel)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordFormat.of(null, ZoneId.of("UTC")));
        assertEquals("format=null (expected text, json or otel)", e.getMessage());
    }
}
