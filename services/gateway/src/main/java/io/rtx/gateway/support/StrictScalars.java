package io.rtx.gateway.support;

import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * How request bodies read text and instants. Text is refused if it holds a control character or a lone
 * surrogate: what passes validation is exactly what is published, never a string cleaned for the check.
 * Instants are ISO-8601 strings within {@link InstantWindow}, never numbers. A refusal names its field
 * (Jackson wraps the message with the property path).
 */
public final class StrictScalars extends SimpleModule {

    public StrictScalars() {
        super("rtx-strict-scalars");
        addDeserializer(String.class, new Text());
        addDeserializer(Instant.class, new Instants());
    }

    /** True if {@code text} has no control character (C0, DEL, C1) and no unpaired surrogate. */
    public static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, p);
            }
            String text = p.getString();
            if (!isPlain(text)) {
                throw new IllegalArgumentException("must not contain control characters");
            }
            return text;
        }
    }

    private static final class Instants extends StdScalarDeserializer<Instant> {

        Instants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext context) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, p);
            }
            return InstantWindow.parse(p.getString());
        }
    }
}
