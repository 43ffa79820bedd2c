package io.rtx.chaos;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packet drops with nftables, only ever inside the private network namespace the suite runs in
 * ({@code chaos/run.sh --netns}): a rule on the machine's own loopback would cut other people's
 * processes too, so {@link #requirePrivateNamespace()} refuses to touch the host namespace.
 */
final class Nftables {

    private static final String TABLE = "rtx_chaos";

    private Nftables() {
    }

    static void requirePrivateNamespace() throws IOException {
        if (!inPrivateNamespace(Path.of("/proc/self/ns/net"), Path.of("/proc/1/ns/net"), Path.of("/proc/self/net/dev"))) {
            throw new IllegalStateException("network experiments only run inside a private network namespace:"
                    + " start the suite with chaos/run.sh --netns");
        }
    }

    /**
     * True when this process's network namespace is not pid 1's. Inside {@code unshare -n} the kernel
     * may refuse to show pid 1's namespace (no ptrace access to it); then the namespace counts as
     * private only if its sole interface is loopback, which a fresh {@code unshare -n} namespace has
     * and a host namespace that reaches anything does not.
     */
    static boolean inPrivateNamespace(Path own, Path host, Path interfaces) throws IOException {
        try {
            return !Files.readSymbolicLink(own).equals(Files.readSymbolicLink(host));
        } catch (AccessDeniedException e) {
            return onlyLoopback(Files.readAllLines(interfaces));
        }
    }

    /** Reads {@code /proc/self/net/dev}: two header lines, then one line per interface. */
    static boolean onlyLoopback(List<String> netDev) {
        return netDev.stream().skip(2).map(line -> line.substring(0, line.indexOf(':')).strip()).allMatch("lo"::equals);
    }

    /** Drops every TCP packet to or from the given local ports (both directions of each connection). */
    static void dropPorts(List<Integer> ports) throws IOException, InterruptedException {
        requirePrivateNamespace();
        String set = String.join(", ", ports.stream().map(String::valueOf).toList());
        run("add", "table", "inet", TABLE);
        run("add", "chain", "inet", TABLE, "output", "{ type filter hook output priority 0; policy accept; }");
        run("add", "rule", "inet", TABLE, "output", "tcp", "dport", "{ " + set + " }", "drop");
        run("add", "rule", "inet", TABLE, "output", "tcp", "sport", "{ " + set + " }", "drop");
    }

    static void heal() throws IOException, InterruptedException {
        requirePrivateNamespace();
        run("delete", "table", "inet", TABLE);
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("nft " + String.join(" ", args) + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
