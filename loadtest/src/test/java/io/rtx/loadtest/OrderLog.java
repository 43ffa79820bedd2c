package io.rtx.loadtest;

import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every order the gateway answered during the run (order id, account, HTTP status of the placement,
 * client order id), written when the simulation ends for {@code ConsistencyCheck}.
 */
final class OrderLog {

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

    private OrderLog() {
    }

    /** After a placement: records what came back (an order id for 201, 202 and 422). */
    static Session record(Session session) {
        if (session.contains("orderId") && session.contains("placeStatus")) {
            LINES.add(session.getString("orderId") + "," + session.getString("accountId") + ","
                    + session.getInt("placeStatus") + "," + session.getString("clientOrderId"));
        }
        return session;
    }

    static void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("orderId,accountId,httpStatus,clientOrderId");
        lines.addAll(LINES);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("rtx-loadtest: %d order ids written to %s%n", lines.size() - 1, file.toAbsolutePath());
    }
}
