package io.rtx.local;

/** What a new user needs after start-up: where everything is and the keys to use it. */
final class LocalStackBanner {

    private LocalStackBanner() {
    }

    static String render(LocalStack stack, DemoData.Seeded seeded, java.nio.file.Path accounts, long startupMillis) {
        LocalInfrastructure infra = stack.infrastructure();
        StringBuilder out = new StringBuilder("""

                ================================================================================
                 RTX is running locally (started in %d ms). Ctrl-C stops everything.
                ================================================================================
                 Gateway        %s   (health: %s/health, API docs: %s/swagger-ui.html)
                 Risk           http://127.0.0.1:8081/actuator/health
                 Matching       http://127.0.0.1:8082/actuator/health
                 Ledger         http://127.0.0.1:8083/actuator/health
                 Kafka          %s
                 PostgreSQL     %s (user %s)
                 Redis          127.0.0.1:%d
                 Instruments    BTC-USD, ETH-USD (tick 0.01 USD)
                 Admin key      %s   (account 1, role ADMIN)
                """.formatted(startupMillis, stack.gatewayUrl(), stack.gatewayUrl(), stack.gatewayUrl(),
                infra.kafkaBootstrap(), infra.jdbcUrl(), LocalInfrastructure.DATABASE_USER, infra.redisPort,
                seeded.adminKey()));
        for (DemoData.Trader trader : seeded.traders()) {
            out.append(" Trader %-7s %s   (1,000,000 USD, 10 BTC, 100 ETH)%n".formatted(trader.accountId(),
                    trader.apiKey()));
        }
        out.append(" Load traders   %d more, keys in %s (admin key beside it)%n".formatted(
                seeded.loadTraders().size(), accounts));
        out.append("""
                 Try:  curl -s -H "X-API-Key: %s" %s/api/v1/accounts/me/balances
                ================================================================================
                """.formatted(seeded.traders().get(0).apiKey(), stack.gatewayUrl()));
        return out.toString();
    }
}
