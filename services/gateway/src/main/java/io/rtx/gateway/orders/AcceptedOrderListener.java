package io.rtx.gateway.orders;

import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.gateway.kafka.TopicListener;
import org.springframework.stereotype.Component;

/** Risk's accepted orders: the acknowledgement of a new order, handed to the {@link AckRegistry}. */
@Component
class AcceptedOrderListener implements TopicListener {

    private final AckRegistry acks;

    AcceptedOrderListener(AckRegistry acks) {
        this.acks = acks;
    }

    @Override
    public String topic() {
        return Topics.ACCEPTED_ORDERS;
    }

    @Override
    public void on(String key, Message message) {
        if (message != null) {
            acks.accepted((OrderCommandMessage) message);
        }
    }
}
