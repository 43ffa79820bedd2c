package io.rtx.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process the suite started (a broker or service JVM). {@link #kill()} is a
 * real SIGKILL of the whole process tree: no shutdown hook, no flush, no LeaveGroup, exactly what a
 * crashed node or an OOM-killed container looks like to the rest of the system.
 */
final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    ManagedProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    /** Starts (or starts again) the same command; output is appended so restarts keep one history. */
    synchronized ManagedProcess start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ProcessReaper.track(this);
        return this;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** SIGKILL to the process and every descendant, then waits until they are gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    /** SIGTERM (graceful: shutdown hooks run), SIGKILL if it is not gone within the grace period. */
    synchronized void stop(long graceSeconds) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + pid() + ")" : " (stopped)");
    }
}
