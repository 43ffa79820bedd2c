package io.rtx.streams;

import io.rtx.events.Message;
import io.rtx.events.Routed;
import io.rtx.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * How a processor emits: every output is a {@link Routed} record sent through one sink, so outputs
 * and state changes of one input commit together (exactly-once v2).
 */
public final class Outputs {

    /** Header naming the processor that wrote a record, so a processor can skip its own echoes unread. */
    public static final String SOURCE_HEADER = "rtx.source";
    /** Header of matching's execution reports naming the exec type, so risk skips what it never settles unread. */
    public static final String EXEC_TYPE_HEADER = "rtx.exec-type";

    private final ProcessorContext<String, Routed> context;
    private final byte[] source;

    public Outputs(ProcessorContext<String, Routed> context, String source) {
        this.context = context;
        this.source = source.getBytes(StandardCharsets.UTF_8);
    }

    /** True if {@code record} was written by the processor named {@code source}. */
    public static boolean writtenBy(Record<?, ?> record, String source) {
        return hasHeader(record, SOURCE_HEADER, source);
    }

    /** True if {@code record} carries header {@code name} with {@code value}. */
    public static boolean hasHeader(Record<?, ?> record, String name, String value) {
        var header = record.headers().lastHeader(name);
        return header != null && value.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Writes every routed record of {@code stream} to its topic. */
    public static void sink(KStream<String, Routed> stream) {
        stream.to((key, routed, recordContext) -> routed.topic(), Produced.with(Serdes.String(), Routed.serde()));
    }

    public void emit(Record<?, ?> cause, String topic, String key, Message message) {
        emit(cause.timestamp(), topic, key, message);
    }

    /** For outputs no input record caused, such as a punctuation's: {@code timestamp} is the record's. */
    public void emit(long timestamp, String topic, String key, Message message) {
        context.forward(new Record<>(key, Routed.to(topic, message), timestamp, headers()));
    }

    /** An execution report, with its exec type in {@link #EXEC_TYPE_HEADER}. */
    public void emitReport(Record<?, ?> cause, String key, Message report, String execType) {
        RecordHeaders headers = headers();
        headers.add(EXEC_TYPE_HEADER, execType.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(key, Routed.to(Topics.EXECUTION_REPORTS, report), cause.timestamp(), headers));
    }

    private RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SOURCE_HEADER, source);
        return headers;
    }

    /** Sends the original bytes to {@code <input>.dlq} with the reason in headers; the task keeps going. */
    public void deadLetter(Record<String, byte[]> cause, String inputTopic, String reason) {
        deadLetter(cause.key(), cause.value(), cause.timestamp(), inputTopic, reason);
    }

    /** The same for a record read elsewhere than this processor's input (a global table's). */
    public void deadLetter(String key, byte[] value, long timestamp, String inputTopic, String reason) {
        RecordHeaders headers = headers();
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, inputTopic.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(key, Routed.deadLetter(inputTopic, value), timestamp, headers));
    }
}
