package io.rtx.events;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;

/**
 * The broker features RTX's exactly-once design is measured on. Transactions v2 (KIP-890 part 2): the
 * producer adds partitions to a transaction implicitly with its first produce request instead of sending
 * AddPartitionsToTxn and AddOffsetsToTxn, one round trip fewer per transaction and per new partition, and every
 * transaction ends with an epoch bump that fences zombie writes. Kafka 4.x finalizes it on freshly formatted
 * storage; RTX pins it wherever it formats storage itself, so a changed default cannot silently move it.
 */
public final class BrokerFeatures {

    public static final String TRANSACTION_VERSION = "transaction.version";
    public static final short REQUIRED_TRANSACTION_VERSION = 2;

    private BrokerFeatures() {
    }

    /** The arguments {@code kafka-storage.sh format} (StorageTool) takes to pin the features. */
    public static List<String> formatArguments() {
        return List.of("--feature", TRANSACTION_VERSION + "=" + REQUIRED_TRANSACTION_VERSION);
    }

    /** The cluster's finalized {@code transaction.version}, 0 when it is not finalized at all. */
    public static short finalizedTransactionVersion(Admin admin) {
        try {
            FinalizedVersionRange range = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS)
                    .finalizedFeatures().get(TRANSACTION_VERSION);
            return range == null ? 0 : range.maxVersionLevel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster's features", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster did not describe its features within 30 s", e);
        }
    }

    /** Fails unless the cluster runs transactions v2. */
    public static void requireTransactionsV2(Admin admin) {
        short finalized = finalizedTransactionVersion(admin);
        if (finalized != REQUIRED_TRANSACTION_VERSION) {
            throw new IllegalStateException(TRANSACTION_VERSION + " is finalized at " + finalized + ", RTX needs "
                    + REQUIRED_TRANSACTION_VERSION + " (format the storage with "
                    + String.join(" ", formatArguments()) + ")");
        }
    }
}
