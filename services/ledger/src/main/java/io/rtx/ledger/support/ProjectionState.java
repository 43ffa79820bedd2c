package io.rtx.ledger.support;

/** In-memory state derived from the projections; cleared when the projections are rebuilt. */
public interface ProjectionState {

    void reset();
}
