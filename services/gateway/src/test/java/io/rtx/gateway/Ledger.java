package io.rtx.gateway;

import io.rtx.ledger.LedgerApplication;
import io.rtx.testkafka.OwnNettyResources;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The real ledger in this JVM, on the test broker, PostgreSQL and Redis: it projects every topic from
 * the beginning into the tables the gateway's queries read. It waits out a PostgreSQL outage (backing off
 * at most 1 s here) rather than skipping or dead-lettering what it could not write.
 */
final class Ledger implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    Ledger(EmbeddedKafkaBroker broker) {
        List<String> args = new ArrayList<>(Infrastructure.serviceArgs(broker));
        args.addAll(Infrastructure.storeArgs());
        args.addAll(Infrastructure.flywayArgs());
        args.addAll(List.of("--rtx.ledger.retry.max-outage-back-off=1s", "--rtx.ledger.write-timeout=5s"));
        this.context = LedgerApplication.builder().initializers(new OwnNettyResources()).run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        context.close();
    }
}
