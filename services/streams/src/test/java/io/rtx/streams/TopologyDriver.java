package io.rtx.streams;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.MessageSerdes;
import io.rtx.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A processor topology on a TopologyTestDriver with exactly-once configured, and typed helpers to
 * send RTX messages and read every output topic. Outputs to topics the topology also reads are fed
 * back in by the driver, as Kafka would.
 */
public final class TopologyDriver implements AutoCloseable {

    private static final JsonSerde<Message> OUTPUT = MessageSerdes.anyByTopic();

    public final TopologyTestDriver driver;

    public TopologyDriver(Topology topology, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
    }

    public void send(String topic, String key, Message message) {
        sendRaw(topic, key, JsonSerde.write(message));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer()).pipeInput(key, value);
    }

    /** Every record written to {@code topic} since the last read, parsed. */
    public List<KeyValue<String, Message>> read(String topic) {
        List<KeyValue<String, Message>> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : raw(topic)) {
            out.add(KeyValue.pair(r.key(), OUTPUT.deserializer().deserialize(topic, r.value())));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public <T extends Message> List<T> values(String topic, Class<T> type) {
        return read(topic).stream().map(kv -> (T) kv.value).toList();
    }

    /** Dead letters of {@code input}: original bytes and headers. */
    public List<TestRecord<String, byte[]>> deadLetters(String input) {
        return raw(Topics.deadLetter(input));
    }

    public static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private List<TestRecord<String, byte[]>> raw(String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
