package io.rtx.chaos;

/** One kind of fault. The runner keeps orders flowing while it injects the fault again and again. */
interface Experiment {

    String name();

    /** What one injection does, for the results table and the log. */
    String fault();

    /**
     * Injects one fault and heals it (restart, restore). Returns the recovery time in milliseconds as
     * defined by the experiment, or -1 if the system did not recover within {@link Recovery#TIMEOUT}.
     */
    long injectOnce(Environment env) throws Exception;
}
