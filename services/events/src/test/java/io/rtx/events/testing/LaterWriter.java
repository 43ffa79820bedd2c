package io.rtx.events.testing;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a writer of a later release puts on a topic during a rolling upgrade: the message at a newer
 * minor version with a field this release does not know (an additive change), or at a major version
 * this release does not read (which by policy never reaches an existing topic).
 */
public final class LaterWriter {

    /** The field a later release added; no reader of this release knows it. */
    private static final String LATER_FIELD = "addedLater";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private LaterWriter() {
    }

    /** The message one minor version on, with {@link #LATER_FIELD}. */
    public static byte[] nextMinor(Message message) {
        ObjectNode json = withLaterField(message);
        json.put("schemaMinor", JsonSerde.version(message.getClass()).minor() + 1);
        return JSON.writeValueAsBytes(json);
    }

    /** The message one major version on, with {@link #LATER_FIELD}. */
    public static byte[] nextMajor(Message message) {
        ObjectNode json = withLaterField(message);
        json.put("schemaVersion", JsonSerde.version(message.getClass()).major() + 1);
        return JSON.writeValueAsBytes(json);
    }

    private static ObjectNode withLaterField(Message message) {
        ObjectNode json = (ObjectNode) JSON.readTree(JsonSerde.write(message));
        json.putObject(LATER_FIELD).put("note", "written by a later release").putArray("levels").add(1);
        return json;
    }
}
