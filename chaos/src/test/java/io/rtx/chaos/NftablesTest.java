package io.rtx.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NftablesTest {

    private static final List<String> HEADER = List.of("Inter-|   Receive", " face |bytes    packets");

    @TempDir
    Path dir;

    @Test
    void theNamespaceOfPidOneIsTheHost() throws Exception {
        Path own = link("own", "net:[4026531840]");
        Path devices = Files.write(dir.resolve("dev"), List.of());
        assertThat(Nftables.inPrivateNamespace(own, link("host", "net:[4026531840]"), devices)).isFalse();
        assertThat(Nftables.inPrivateNamespace(own, link("other", "net:[4026532999]"), devices)).isTrue();
    }

    @Test
    void withPidOneHiddenOnlyALoopbackOnlyNamespaceCountsAsPrivate() {
        assertThat(Nftables.onlyLoopback(lines("    lo: 0 0 0"))).isTrue();
        assertThat(Nftables.onlyLoopback(lines("    lo: 0 0 0", "  eth0: 0 0 0"))).isFalse();
    }

    private Path link(String name, String target) throws Exception {
        return Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }

    private static List<String> lines(String... interfaces) {
        return java.util.stream.Stream.concat(HEADER.stream(), List.of(interfaces).stream()).toList();
    }
}
