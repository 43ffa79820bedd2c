package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every error is a problem with an RTX type, wherever it is raised: by Netty's codec, by Spring's adapter,
 * by the security firewall, by routing and content negotiation. Sent as raw bytes, since no client library
 * sends most of these requests.
 */
@Order(3)
class ProtocolProblemTest extends GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "X-API-Key: {key}\r\n";
    private static final String CLOSE = "Host: gateway\r\nConnection: close\r\n";

    @Value("${local.server.port}")
    int port;

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("encoded NUL", "GET /api/v1/orders/%00 HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "request-rejected"),
                Arguments.of("empty path segment", "GET //api/v1/orders HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "request-rejected"),
                Arguments.of("path parameter", "GET /api/v1/orders;x=y HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "request-rejected"),
                Arguments.of("dot segment", "GET /api/v1/../v1/orders HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "request-rejected"),
                Arguments.of("unknown method", "FOO /api/v1/orders HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "request-rejected"),
                Arguments.of("bad percent-encoding", "GET /api/v1/orders/%zz HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "malformed-request"),
                Arguments.of("character not allowed in a URI", "GET /api/v1/or|ders HTTP/1.1\r\n" + CLOSE + KEY
                        + "\r\n", 400, "malformed-request"),
                Arguments.of("URI over 4 KB", "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n" + CLOSE + "\r\n",
                        414, "uri-too-long"),
                Arguments.of("headers over 8 KB", "GET /api/v1/orders HTTP/1.1\r\n" + CLOSE + "X-Big: "
                        + "b".repeat(9000) + "\r\n\r\n", 431, "headers-too-large"),
                Arguments.of("two Content-Lengths", "POST /api/v1/orders HTTP/1.1\r\n" + CLOSE
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n" + KEY
                        + "\r\n{}", 400, "malformed-request"),
                Arguments.of("header name with a space", "GET /api/v1/orders HTTP/1.1\r\n" + CLOSE + "Bad Name: v\r\n"
                        + KEY + "\r\n", 400, "malformed-request"),
                Arguments.of("two Host headers", "GET /api/v1/orders HTTP/1.1\r\n" + CLOSE + "Host: other\r\n" + KEY
                        + "\r\n", 400, "malformed-request"),
                Arguments.of("two API keys", "GET /api/v1/orders HTTP/1.1\r\n" + CLOSE + KEY + KEY + "\r\n",
                        401, "unauthorized"),
                Arguments.of("HTTP/2.0 request line", "GET /api/v1/orders HTTP/2.0\r\n" + CLOSE + KEY + "\r\n",
                        505, "http-version-not-supported"),
                Arguments.of("HTTP/3.0 request line", "GET /api/v1/orders HTTP/3.0\r\n" + CLOSE + KEY + "\r\n",
                        505, "http-version-not-supported"),
                Arguments.of("no request line version", "GET /api/v1/orders XTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        400, "malformed-request"),
                Arguments.of("method the route lacks", "PUT /api/v1/orders HTTP/1.1\r\n" + CLOSE
                        + "Content-Length: 0\r\n" + KEY + "\r\n", 405, "method-not-allowed"),
                Arguments.of("unknown route", "GET /api/v1/nothing HTTP/1.1\r\n" + CLOSE + KEY + "\r\n",
                        404, "not-found"),
                Arguments.of("unknown stream symbol", "GET /api/v1/streams/markets/NOPE-USD/trades HTTP/1.1\r\n"
                        + CLOSE + "Accept: text/event-stream\r\n" + KEY + "\r\n", 404, "not-found"),
                Arguments.of("HTML asked of JSON", "GET /api/v1/orders HTTP/1.1\r\n" + CLOSE + "Accept: text/html\r\n"
                        + KEY + "\r\n", 406, "not-acceptable"),
                Arguments.of("JSON asked of a stream", "GET /api/v1/streams/execution-reports HTTP/1.1\r\n" + CLOSE
                        + "Accept: application/json\r\n" + KEY + "\r\n", 406, "not-acceptable"),
                Arguments.of("a stream asked of JSON", "GET /api/v1/markets/BTC-USD/book HTTP/1.1\r\n" + CLOSE
                        + "Accept: text/event-stream\r\n" + KEY + "\r\n", 406, "not-acceptable"));
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("requests")
    void isAProblem(String what, String request, int status, String type) throws Exception {
        RawHttp.Response response = RawHttp.send(port, request.replace("{key}", Fixture.keyA));
        assertThat(response.status()).as(what + ": " + response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).as(what).isEqualTo("urn:rtx:problem:" + type);
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("title").asString()).as(what).isNotBlank();
        assertThat(problem.path("detail").asString()).as(what).isNotBlank();
    }
}
