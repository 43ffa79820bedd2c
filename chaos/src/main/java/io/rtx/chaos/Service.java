package io.rtx.chaos;

import java.nio.file.Path;

/** The RTX services the suite runs as separate JVMs, from the exec jars `mvn package` builds. */
enum Service {
    RISK("risk"),
    MATCHING("matching"),
    LEDGER("ledger");

    final String id;

    Service(String id) {
        this.id = id;
    }

    /** {@code services/<svc>/target/rtx-<svc>-exec.jar}, relative to the repository root. */
    Path execJar(Path repositoryRoot) {
        return repositoryRoot.resolve("services").resolve(id).resolve("target").resolve("rtx-" + id + "-exec.jar");
    }

    boolean isStreamsProcessor() {
        return this != LEDGER;
    }
}
