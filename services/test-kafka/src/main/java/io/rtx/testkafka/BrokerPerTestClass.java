package io.rtx.testkafka;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh broker for each test class that must not see another class's records:
 * {@code @RegisterExtension static final BrokerPerTestClass kafka = new BrokerPerTestClass(3);}
 */
public final class BrokerPerTestClass implements BeforeAllCallback, AfterAllCallback {

    private final int partitions;
    private EmbeddedKraftBroker broker;

    public BrokerPerTestClass(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKraftBroker.start(partitions, Map.of());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.destroy();
    }

    public EmbeddedKraftBroker broker() {
        return broker;
    }
}
