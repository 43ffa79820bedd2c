package io.rtx.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The funded traders of the accounts file, handed to virtual users round-robin (an even rate per API key). */
final class Accounts {

    record Account(String accountId, String apiKey) {
    }

    private final List<Account> accounts;
    private final AtomicLong next = new AtomicLong();

    private Accounts(List<Account> accounts) {
        this.accounts = accounts;
    }

    static Accounts load(Path file) {
        List<Account> accounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] cells = line.trim().split(",");
                if (cells.length == 2 && !cells[0].equals("accountId")) {
                    accounts.add(new Account(cells[0].trim(), cells[1].trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the accounts file " + file.toAbsolutePath()
                    + " (start the stack with loadtest/run.sh, or pass -Drtx.accountsFile)", e);
        }
        if (accounts.size() < 2) {
            throw new IllegalStateException("need at least 2 accounts in " + file.toAbsolutePath());
        }
        return new Accounts(accounts);
    }

    int size() {
        return accounts.size();
    }

    Account get(int index) {
        return accounts.get(index % accounts.size());
    }

    /** A thread-safe, never-ending feeder: accountId and apiKey, round-robin. */
    Iterator<Map<String, Object>> feeder() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Account a = accounts.get((int) (next.getAndIncrement() % accounts.size()));
                return Map.of("accountId", a.accountId(), "apiKey", a.apiKey());
            }
        };
    }

    /** Warns (loudly) when the planned request rate would push a key near the gateway's per-key limit. */
    void warnIfTooFew(double peakOrdersPerSecond) {
        // place + about 0.8 follow-ups (cancel, amend, reduce, get) per order, plus the readers.
        double requestsPerSecond = peakOrdersPerSecond * (1.8 + Settings.READ_RATIO);
        double perKey = requestsPerSecond / accounts.size();
        System.out.printf("rtx-loadtest: %d API keys, peak about %.0f req/s in all, %.1f req/s per key (limit %d)%n",
                accounts.size(), requestsPerSecond, perKey, Settings.RATE_LIMIT_PER_KEY);
        if (perKey > 0.6 * Settings.RATE_LIMIT_PER_KEY) {
            System.out.printf("rtx-loadtest: WARNING: %.1f req/s per key is close to the limit of %d; bursts will"
                            + " get 429s. Start the stack with more traders (run.sh --traders N, about %d).%n",
                    perKey, Settings.RATE_LIMIT_PER_KEY,
                    (int) Math.ceil(requestsPerSecond / (0.5 * Settings.RATE_LIMIT_PER_KEY)));
        }
    }
}
