package io.rtx.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SuiteOptionsTest {

    @Test
    void brokerExperimentsSelectAThreeNodeCluster() {
        SuiteOptions o = SuiteOptions.parse("--experiments=broker-kill,matching-kill:2", "--rate=100");
        assertThat(o.brokers()).isEqualTo(3);
        assertThat(o.rate()).isEqualTo(100);
        assertThat(Experiments.faults("matching-kill:2", 3)).isEqualTo(2);
        assertThat(Experiments.faults("broker-kill", 3)).isEqualTo(3);
    }

    @Test
    void processExperimentsRunOnOneBroker() {
        assertThat(SuiteOptions.parse("--experiments=risk-kill").brokers()).isEqualTo(1);
        assertThat(SuiteOptions.parse("--all").experiments()).containsExactlyElementsOf(Experiments.DEFAULT);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> SuiteOptions.parse("--experiments=disk-fill")).hasMessageContaining("unknown experiment");
        assertThatThrownBy(() -> SuiteOptions.parse("--rat=5")).hasMessageContaining("unknown options");
        assertThatThrownBy(() -> SuiteOptions.parse("--experiments=controller-kill", "--brokers=1"))
                .hasMessageContaining("--brokers=3");
    }
}
