package io.rtx.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory deleted on {@link #close()} or, if the run is interrupted, at JVM exit. */
final class TempDirectory implements AutoCloseable {

    private final Path path;
    private final Thread shutdownHook;

    TempDirectory(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
        this.shutdownHook = new Thread(() -> deleteRecursively(path), "delete-" + prefix);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        deleteRecursively(path);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
