package io.rtx.gateway.kafka;

import io.rtx.events.Message;

/** Receives every record of one topic from the {@link EventTail}, on its single thread, in partition order. */
public interface TopicListener {

    String topic();

    /** {@code message} is null for a tombstone. Must not block. */
    void on(String key, Message message);
}
