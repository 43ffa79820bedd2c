package io.rtx.local;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.Message;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.matching.MatchingTopologyDriver;
import io.rtx.risk.RiskTopologyDriver;
import io.rtx.streams.TopologyDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * Both processors on TopologyTestDrivers, connected as Kafka connects them: accepted orders flow
 * from risk to matching, reports and trades from matching back to risk. Everything that crosses is
 * also kept here for assertions.
 */
final class PipelineDrivers implements AutoCloseable {

    final TopologyDriver risk;
    final TopologyDriver matching;
    final List<ExecutionReportMessage> reports = new ArrayList<>();
    final List<TradeMessage> trades = new ArrayList<>();
    /** Latest state per account id, from risk's accounts changelog. */
    final Map<Long, AccountStateMessage> accounts = new TreeMap<>();

    PipelineDrivers(RiskConfiguration configuration, Path stateDir) {
        risk = new TopologyDriver(RiskTopologyDriver.topology(configuration, new SimpleMeterRegistry()),
                Topics.RISK_APPLICATION_ID,
                stateDir.resolve("risk"));
        matching = new TopologyDriver(MatchingTopologyDriver.topology(new SimpleMeterRegistry(), Duration.ofSeconds(1)),
                "matching", stateDir.resolve("matching"));
    }

    /** Sends to risk's inputs (and instruments to both), then moves records until both are idle. */
    void send(String topic, String key, Message message) {
        risk.send(topic, key, message);
        if (topic.equals(Topics.INSTRUMENTS)) {
            matching.send(topic, key, message);
        }
        pump();
    }

    void advanceWallClock(Duration duration) {
        matching.driver.advanceWallClockTime(duration);
        pump();
    }

    void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            // Fees accrued so far go to the fee account (a wall-clock punctuation in risk).
            risk.driver.advanceWallClockTime(RiskTopologyDriver.FEE_SWEEP_INTERVAL);
            // Risk's own reports and fee credits were fed back to it by its driver; record them first.
            reports.addAll(risk.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class));
            risk.values(Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class).forEach(a -> accounts.put(a.id(), a));
            risk.read(Topics.ACCOUNT_EVENTS);
            risk.read(Topics.ACCOUNT_COMMANDS);
            for (KeyValue<String, Message> kv : risk.read(Topics.ACCEPTED_ORDERS)) {
                matching.send(Topics.ACCEPTED_ORDERS, kv.key, kv.value);
                moved = true;
            }
            for (KeyValue<String, Message> kv : matching.read(Topics.TRADES)) {
                trades.add((TradeMessage) kv.value);
                risk.send(Topics.TRADES, kv.key, kv.value);
            }
            for (KeyValue<String, Message> kv : matching.read(Topics.EXECUTION_REPORTS)) {
                reports.add((ExecutionReportMessage) kv.value);
                risk.send(Topics.EXECUTION_REPORTS, kv.key, kv.value);
                moved = true;
            }
        }
    }

    List<ExecutionReportMessage> reportsFor(long orderId) {
        return reports.stream().filter(r -> r.orderId() == orderId).toList();
    }

    ExecutionReportMessage last(long orderId) {
        List<ExecutionReportMessage> mine = reportsFor(orderId);
        return mine.get(mine.size() - 1);
    }

    /** Sum over every account (fee account included) of available + reserved. */
    BigDecimal total(String asset) {
        return accounts.values().stream().flatMap(e -> e.balances().stream()).filter(b -> b.asset().equals(asset))
                .map(b -> BigDecimal.valueOf(b.available() + b.reserved(), b.scale()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal reserved(String asset) {
        return accounts.values().stream().flatMap(e -> e.balances().stream()).filter(b -> b.asset().equals(asset))
                .map(b -> BigDecimal.valueOf(b.reserved(), b.scale())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public void close() {
        risk.close();
        matching.close();
    }
}
