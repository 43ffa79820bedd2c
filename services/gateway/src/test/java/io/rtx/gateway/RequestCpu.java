package io.rtx.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Test only: the CPU time the server thread spent on a request, from the first filter to the commit of
 * the response, in the {@value #HEADER} response header (nanoseconds). -1 when the response is committed on
 * another thread than the one that began the request (it waited for I/O), which this cannot attribute.
 * Work the same thread does for other connections meanwhile is counted too, so this is an upper bound.
 */
final class RequestCpu implements WebFilter, Ordered {

    static final String HEADER = "X-Test-Cpu-Nanos";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Thread thread = Thread.currentThread();
        long start = THREADS.getCurrentThreadCpuTime();
        exchange.getResponse().beforeCommit(() -> {
            long cpu = Thread.currentThread() == thread ? THREADS.getCurrentThreadCpuTime() - start : -1;
            exchange.getResponse().getHeaders().set(HEADER, Long.toString(cpu));
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
