package io.rtx.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import redis.embedded.RedisServer;

/**
 * A real redis-server (embedded-redis binary) on a fixed port, without persistence: a restart
 * comes back empty, exactly like a cache pod without a volume. Reads use a few lines of RESP
 * rather than a client library, since the suite only needs GET.
 */
final class RedisControl implements AutoCloseable {

    private final int port;
    private RedisServer server;

    RedisControl(int port) {
        this.port = port;
    }

    RedisControl start() throws IOException {
        // "save ''" and no AOF: no dump.rdb is written anywhere.
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return this;
    }

    void stop() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** GET of one key; null when absent. */
    String get(String key) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            out.write(("*2\r\n$3\r\nGET\r\n$" + k.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(k);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String header = in.readLine();
            if (header == null || header.startsWith("-")) {
                throw new IOException("redis answered " + header);
            }
            if (header.equals("$-1")) {
                return null;
            }
            return in.readLine();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
