package io.rtx.gateway.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One broadcast per streamed topic; the stream names are the {@code stream} label of the gauge. */
@Configuration
public class StreamConfig {

    @Bean
    Broadcast executionReportBroadcast(MeterRegistry registry) {
        return new Broadcast(Topics.EXECUTION_REPORTS, "execution-reports", registry);
    }

    @Bean
    Broadcast tradeBroadcast(MeterRegistry registry) {
        return new Broadcast(Topics.TRADES, "trades", registry);
    }

    @Bean
    Broadcast bookUpdateBroadcast(MeterRegistry registry) {
        return new Broadcast(Topics.BOOK_UPDATES, "book-updates", registry);
    }
}
