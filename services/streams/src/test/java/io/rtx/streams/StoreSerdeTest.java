package io.rtx.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Store values across a rolling upgrade: what each release finds in RocksDB, a standby or a changelog restore. */
class StoreSerdeTest {

    /** A stored value as this release knows it; {@code sweeps} and {@code holds} came after its first release. */
    record Stored(String account, long total, long sweeps, boolean frozen, List<String> holds) {
    }

    private final Serde<Stored> serde = StoreSerde.of(Stored.class);

    @Test
    void aValueWrittenBeforeSomeFieldsExistedReadsThemAsTheirDefaults() {
        assertThat(read("{\"account\":\"7\",\"total\":5}")).isEqualTo(new Stored("7", 5, 0, false, null));
    }

    @Test
    void aValueWrittenByALaterReleaseIsReadWithoutTheFieldsItAdded() {
        assertThat(read("{\"account\":\"7\",\"total\":5,\"sweeps\":2,\"frozen\":true,\"holds\":[],"
                + "\"limit\":{\"usd\":1}}"))
                .isEqualTo(new Stored("7", 5, 2, true, List.of()));
    }

    @Test
    void whatIsWrittenReadsBack() {
        Stored value = new Stored("7", 5, 2, true, List.of("order:1"));
        assertThat(serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", value)))
                .isEqualTo(value);
    }

    private Stored read(String json) {
        return serde.deserializer().deserialize("changelog", json.getBytes(StandardCharsets.UTF_8));
    }
}
