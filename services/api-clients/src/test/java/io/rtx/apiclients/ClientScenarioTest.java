package io.rtx.apiclients;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.client.ApiClient;
import io.rtx.local.DemoData;
import io.rtx.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clients generated from docs/openapi.json, unchanged, against the whole stack (LocalStack on free
 * ports, seeded as the README's local stack is): each runs the same scenario with its own two traders, and
 * must see the same outcomes. docs/openapi.json is the live document (the gateway's OpenApiDocumentTest).
 */
class ClientScenarioTest {

    private static final long TYPESCRIPT_TIMEOUT_SECONDS = 180;
    private static LocalStack stack;
    private static DemoData.Seeded seeded;

    @BeforeAll
    static void start() throws Exception {
        for (String service : new String[] {"ledger", "risk", "matching"}) {
            System.setProperty("rtx.local." + service + "-port", "0");
        }
        stack = LocalStack.start(0, 0, 0, 0);
        seeded = new DemoData(stack.gatewayUrl(), stack.bootstrapKey()).seed(2);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theJavaClientTradesAmendsReducesCancelsAndSurfacesProblems() throws Exception {
        new JavaClientScenario(client(seeded.traders().get(0)), client(seeded.traders().get(1))).run();
    }

    @Test
    void theTypeScriptClientDoesTheSame() throws Exception {
        Path script = Path.of(System.getProperty("rtx.ts.scenario"));
        ProcessBuilder node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true)
                .redirectOutput(script.resolveSibling("scenario.log").toFile());
        node.environment().put("RTX_GATEWAY_URL", stack.gatewayUrl());
        node.environment().put("RTX_KEY_A", seeded.loadTraders().get(0).apiKey());
        node.environment().put("RTX_KEY_B", seeded.loadTraders().get(1).apiKey());
        Process process = node.start();
        boolean exited = process.waitFor(TYPESCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String log = Files.readString(script.resolveSibling("scenario.log"));
        assertThat(exited).as("the TypeScript scenario ends within " + TYPESCRIPT_TIMEOUT_SECONDS + " s:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("scenario passed");
    }

    /** The native library has no authentication of its own: the key goes on every request it builds. */
    private static ApiClient client(DemoData.Trader trader) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(stack.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("X-API-Key", trader.apiKey()));
        return client;
    }
}
