package io.rtx.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A packaged service started as an operator would ({@code java -jar ...}); closing it sends SIGTERM. */
final class DrExecJarProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DrExecJarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static DrExecJarProcess start(Path jar, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(args);
        System.out.println("DR drill: " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new DrExecJarProcess(process, log);
    }

    /** The process must still be running (a failed start shows up here with its log). */
    void assertAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("the ledger process exited with " + process.exitValue() + ":\n" + tail());
        }
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
