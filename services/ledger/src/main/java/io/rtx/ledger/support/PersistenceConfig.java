package io.rtx.ledger.support;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
public class PersistenceConfig {

    /** One record's writes commit together or not at all. */
    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /** Wall-clock time, used only for gap grace periods and the ticker window, never in projected rows. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
