package io.rtx.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.ClientOrderIds.Claim;
import io.rtx.engine.risk.ClientOrderIds.Check;
import io.rtx.engine.risk.ClientOrderIds.Outcome;
import io.rtx.engine.risk.ClientOrderIds.Quota;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * One account's placements through the client order id rule, with a store that keeps the latest claim
 * per id (as risk's store does) and pre-trade risk accepting or refusing at random: an id is never
 * held by two accepted orders within the window, a duplicate always names the order that holds the id,
 * nothing else is ever a duplicate, and the cap bounds the claims kept per account.
 */
class ClientOrderIdProperties {

    private static final long RETENTION = 1_000;
    private static final int CAP = 5;

    /** {@code id} null: no client order id; {@code gap}: milliseconds since the previous placement. */
    record Placement(String id, long gap, boolean riskAccepts) {
    }

    @Provide
    Arbitrary<List<Placement>> placements() {
        Arbitrary<String> ids = Arbitraries.of("a", "b", "c", "d", "e", "f", "g").injectNull(0.1);
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 50)),
                Tuple.of(2, Arbitraries.longs().between(0, 1_200)),
                // a later gateway whose clock is a little behind the previous one's
                Tuple.of(1, Arbitraries.longs().between(-30, 0)));
        return Combinators.combine(ids, gaps, Arbitraries.of(true, true, false)).as(Placement::new)
                .list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void oneOrderPerIdWithinTheWindowAndDuplicatesNameIt(@ForAll("placements") List<Placement> placements) {
        ClientOrderIds rule = new ClientOrderIds(RETENTION, CAP);
        Map<String, Claim> store = new HashMap<>();
        Map<String, List<Claim>> accepted = new HashMap<>();
        List<Claim> allClaims = new ArrayList<>();
        Quota quota = Quota.NONE;
        long at = 10_000;
        long orderId = 0;
        for (Placement p : placements) {
            at += p.gap();
            orderId++;
            Claim previous = p.id() == null ? null : store.get(p.id());
            Check check = rule.check(p.id(), at, previous, quota);
            Claim holder = holder(accepted, p.id(), at);
            switch (check.outcome()) {
                case NO_ID -> assertThat(p.id()).isNull();
                case DUPLICATE -> {
                    assertThat(holder).as("a duplicate names an order that holds the id").isNotNull();
                    assertThat(check.originalOrderId()).isEqualTo(holder.orderId());
                }
                case FRESH, LIMIT -> {
                    assertThat(p.id()).isNotNull();
                    assertThat(holder).as("a fresh id is held by no accepted order within the window").isNull();
                }
            }
            boolean placed = p.riskAccepts() && (check.outcome() == Outcome.NO_ID || check.outcome() == Outcome.FRESH);
            if (placed && check.outcome() == Outcome.FRESH) {
                Claim claim = new Claim(orderId, at);
                store.put(p.id(), claim);
                accepted.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(claim);
                allClaims.add(claim);
                quota = rule.claimed(quota, at);
            }
            long now = at;
            long claimsInWindow = allClaims.stream().filter(c -> rule.withinWindow(c.at(), now)).count();
            assertThat(claimsInWindow).as("the cap bounds the claims kept per account").isLessThanOrEqualTo(2L * CAP);
        }
        accepted.values().forEach(claims -> {
            for (int i = 1; i < claims.size(); i++) {
                assertThat(claims.get(i).at() - claims.get(i - 1).at())
                        .as("an id is claimed again only after the window").isGreaterThan(RETENTION);
            }
        });
    }

    @Property(tries = 200)
    void theCapRefusesOnlyFreshIdsAndOnlyWithinAPeriod(@ForAll("placements") List<Placement> placements) {
        ClientOrderIds rule = new ClientOrderIds(RETENTION, CAP);
        Quota quota = Quota.NONE;
        long at = 0;
        int i = 0;
        for (Placement p : placements) {
            at += Math.abs(p.gap());
            Check check = rule.check("id-" + i++, at, null, quota);
            long period = Math.floorDiv(at, RETENTION);
            long usedInPeriod = quota.period() == period ? quota.used() : 0;
            assertThat(check.outcome()).isEqualTo(usedInPeriod >= CAP ? Outcome.LIMIT : Outcome.FRESH);
            if (check.outcome() == Outcome.FRESH) {
                quota = rule.claimed(quota, at);
                assertThat(quota).isEqualTo(new Quota(period, usedInPeriod + 1));
            }
        }
    }

    /** The accepted order holding {@code id} at {@code at}: its latest claim, if within the window. */
    private static Claim holder(Map<String, List<Claim>> accepted, String id, long at) {
        if (id == null || !accepted.containsKey(id)) {
            return null;
        }
        List<Claim> claims = accepted.get(id);
        Claim latest = claims.get(claims.size() - 1);
        return Math.abs(at - latest.at()) <= RETENTION ? latest : null;
    }
}
