package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;

/** A stream answers at once, before any market activity or heartbeat, and says it is subscribed. */
@Order(3)
class StreamTest extends GatewayTest {

    /** Far below the 15 s heartbeat: only an immediate first event meets it. */
    private static final long HEADERS_WITHIN_SECONDS = 3;

    @Value("${local.server.port}")
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/streams/execution-reports", "/api/v1/streams/markets/BTC-USD/trades",
            "/api/v1/streams/markets/BTC-USD/book"})
    void headersAndTheSubscribedEventArriveAtOnceOnAQuietMarket(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", Fixture.keyA).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(HEADERS_WITHIN_SECONDS, TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            List<String> firstEvent = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                firstEvent.add(line);
            }
            assertThat(firstEvent).first().isEqualTo("event:subscribed");
            assertThat(firstEvent).anySatisfy(line -> assertThat(line).startsWith("data:{\"stream\":"));
        }
    }
}
