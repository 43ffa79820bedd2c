package io.rtx.gateway.problems;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Problems for what Netty refuses before Spring sees a request: a request line over
 * {@code server.netty.max-initial-line-length} (414), headers over {@code server.max-http-request-header-size}
 * (431), requests Netty cannot parse (400: a bad header name, two different {@code Content-Length}s, ...) and
 * URIs Spring's adapter cannot parse (400). Both answer with an empty body; the handler, placed right after
 * the HTTP codec, fills in the problem. It also refuses what Netty would let through: a protocol version other
 * than HTTP/1.0 and 1.1 (505), and more than one {@code Host} header (400, RFC 9112 section 3.2).
 */
@Component
public class ProtocolProblems implements NettyServerCustomizer {

    private static final Set<HttpVersion> VERSIONS = Set.of(HttpVersion.HTTP_1_0, HttpVersion.HTTP_1_1);

    private final ProblemResponses problems;

    public ProtocolProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "rtx.protocolProblems", new Handler());
            }
        });
    }

    /** One per connection: it remembers why the codec failed, to say so in the problem that follows. */
    private final class Handler extends ChannelDuplexHandler {

        private Throwable decodingFailure;
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg); // the rest of a request already answered
                return;
            }
            if (msg instanceof HttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    decodingFailure = request.decoderResult().cause();
                } else if (!VERSIONS.contains(request.protocolVersion())) {
                    refuse(ctx, msg, 505, Problems.HTTP_VERSION_NOT_SUPPORTED,
                            request.protocolVersion() + " is not supported; use HTTP/1.1");
                    return;
                } else if (request.headers().getAll(HttpHeaderNames.HOST).size() > 1) {
                    refuse(ctx, msg, 400, Problems.MALFORMED_REQUEST, "more than one Host header");
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof FullHttpResponse response && response.status().code() >= 400
                    && !response.content().isReadable() && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                int status = response.status().code();
                String kind = status == 400 ? Problems.MALFORMED_REQUEST : Problems.kindOf(status);
                FullHttpResponse problem = response.replace(Unpooled.wrappedBuffer(problems.body(
                        Problems.ofStatus(status, kind, detail(status)))));
                response.release();
                ctx.write(withProblemHeaders(problem), promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private void refuse(ChannelHandlerContext ctx, Object request, int status, String kind, String detail) {
            ReferenceCountUtil.release(request);
            refused = true;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(problems.body(
                            Problems.ofStatus(status, kind, detail))));
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(withProblemHeaders(response)).addListener(ChannelFutureListener.CLOSE);
        }

        private String detail(int status) {
            Throwable cause = decodingFailure;
            decodingFailure = null;
            if (cause != null && cause.getMessage() != null) {
                return cause.getMessage();
            }
            return switch (status) {
                case 400 -> "the request could not be parsed: its URI or headers are malformed";
                case 414 -> "the request line is too long";
                case 431 -> "the request headers are too large";
                default -> "the request could not be handled";
            };
        }
    }

    private static FullHttpResponse withProblemHeaders(FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }
}
