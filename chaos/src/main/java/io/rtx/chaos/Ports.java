package io.rtx.chaos;

/**
 * Fixed loopback ports from one base, so PostgreSQL, Redis and each broker come back on the same
 * address after a restart (clients reconnect to what they were configured with, as in production).
 */
record Ports(int base) {

    int broker(int node) {
        return base + node;
    }

    int controller(int node) {
        return base + 10 + node;
    }

    int postgres() {
        return base + 20;
    }

    int redis() {
        return base + 21;
    }

    int service(Service service) {
        return base + 30 + service.ordinal();
    }
}
