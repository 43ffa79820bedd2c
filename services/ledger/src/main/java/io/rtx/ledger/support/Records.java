package io.rtx.ledger.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;

public final class Records {

    private Records() {
    }

    /** The record's value; a tombstone on a topic that is not compacted is bad content. */
    public static <V> V value(ConsumerRecord<?, V> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("empty value (tombstone) on " + record.topic() + ", which is not compacted");
        }
        return record.value();
    }
}
