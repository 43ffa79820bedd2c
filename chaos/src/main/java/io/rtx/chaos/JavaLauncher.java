package io.rtx.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java ...} command lines for child JVMs with the same JDK as the suite. */
final class JavaLauncher {

    private JavaLauncher() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The runtime classpath of this module (target/classes plus the file maven-dependency-plugin
     * writes), so broker JVMs find the kafka_2.13 jars whether the suite runs from surefire or from
     * {@code chaos/run.sh}.
     */
    static String moduleClasspath(Path moduleDir) {
        Path file = moduleDir.resolve("target/chaos.classpath");
        try {
            return moduleDir.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("run 'mvn -pl chaos -am package' first: " + file + " is missing", e);
        }
    }

    static List<String> command(String heap, List<String> tail) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.addAll(tail);
        return command;
    }
}
