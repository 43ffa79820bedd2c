package io.rtx.gateway.admin;

import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.Message;
import io.rtx.events.Topics;
import io.rtx.gateway.kafka.CommandPublisher;
import io.rtx.gateway.kafka.TopicListener;
import io.rtx.gateway.orders.OrderIds;
import io.rtx.gateway.support.GatewayProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Sends account commands (keyed by account) and waits for risk's answer, the account event that echoes
 * the command id. Empty after the timeout: the command was published and will still be applied.
 */
@Component
public class AccountCommands implements TopicListener {

    public record Sent(String commandId, Optional<AccountEventMessage> result) {
    }

    private final CommandPublisher publisher;
    private final OrderIds ids;
    private final Duration timeout;
    private final Map<String, Sinks.One<AccountEventMessage>> waiting = new ConcurrentHashMap<>();

    public AccountCommands(CommandPublisher publisher, OrderIds ids, GatewayProperties properties) {
        this.publisher = publisher;
        this.ids = ids;
        this.timeout = properties.accountCommandTimeout();
    }

    @Override
    public String topic() {
        return Topics.ACCOUNT_EVENTS;
    }

    @Override
    public void on(String key, Message message) {
        AccountEventMessage event = (AccountEventMessage) message;
        if (event == null || event.commandId() == null) {
            return;
        }
        Sinks.One<AccountEventMessage> sink = waiting.remove(event.commandId());
        if (sink != null) {
            sink.tryEmitValue(event);
        }
    }

    public Mono<Sent> send(AccountCommandMessage.Kind kind, long accountId, String asset, String amount) {
        String commandId = "gateway:" + ids.next();
        Sinks.One<AccountEventMessage> sink = Sinks.one();
        waiting.put(commandId, sink);
        AccountCommandMessage command = new AccountCommandMessage(kind, commandId,
                accountId, asset, amount, System.currentTimeMillis());
        return publisher.publish(Topics.ACCOUNT_COMMANDS, Long.toString(accountId), command)
                .doOnError(e -> waiting.remove(commandId))
                .then(Mono.defer(() -> sink.asMono().timeout(timeout)))
                .map(event -> new Sent(commandId, Optional.of(event)))
                .onErrorResume(TimeoutException.class, e -> {
                    waiting.remove(commandId);
                    return Mono.just(new Sent(commandId, Optional.empty()));
                });
    }
}
