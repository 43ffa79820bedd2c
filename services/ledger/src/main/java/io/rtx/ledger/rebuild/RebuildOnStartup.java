package io.rtx.ledger.rebuild;

import io.rtx.ledger.LedgerProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * With {@code rtx.ledger.rebuild=true}, rebuilds before the listeners start: this runs in an earlier
 * lifecycle phase than the listener containers, so no record is consumed into tables about to be
 * emptied. Set the property for one start only (see docs/ledger.md).
 */
@Component
class RebuildOnStartup implements SmartLifecycle {

    private final Rebuild rebuild;
    private final boolean enabled;
    private volatile boolean running;

    RebuildOnStartup(Rebuild rebuild, LedgerProperties properties) {
        this.rebuild = rebuild;
        this.enabled = properties.rebuild();
    }

    @Override
    public void start() {
        if (enabled) {
            rebuild.run();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
    }
}
