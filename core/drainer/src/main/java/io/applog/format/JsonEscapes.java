package io.applog.format;

import io.applog.internal.TextEscaper;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/** Standard JSON escapes plus DEL, C1, line separators, bidi controls and BOM as unicode escapes. */
final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] ascii;
    private final SerializableString[] c1 = new SerializableString[0xA0 - 0x80];
    private final SerializableString[] general = new SerializableString[0x206A - 0x200E];
    private final SerializableString bom = escape('\uFEFF');

    JsonEscapes() {
        ascii = CharacterEscapes.standardAsciiEscapesForJSON();
        ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        for (char ch = 0x80; ch < 0xA0; ch++) {
            c1[ch - 0x80] = escape(ch);
        }
        for (char ch = 0x200E; ch < 0x206A; ch++) {
            if (TextEscaper.needsEscape(ch)) {
                general[ch - 0x200E] = escape(ch);
            }
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0xA0) {
            return ch >= 0x80 ? c1[ch - 0x80] : null;
        }
        if (ch >= 0x200E && ch < 0x206A) {
            return general[ch - 0x200E];
        }
        return ch == 0xFEFF ? bom : null;
    }

    private static SerializableString escape(char ch) {
        final StringBuilder sb = new StringBuilder(6);
        TextEscaper.appendUnicodeEscape(ch, sb);
        return new SerializedString(sb.toString());
    }
}
