// JavaClientScenario, step for step, through the TypeScript client generated from docs/openapi.json.
// ClientScenarioTest runs it with node against the same stack, for two traders of its own.
import { strict as assert } from 'node:assert';
import {
    AccountApi, Configuration, MarketsApi, OrderPending, OrdersApi, PlaceOrderRequest, Problem, ProblemFromJSON,
    ResponseError,
} from './client';

const SYMBOL = 'BTC-USD';
/** The ledger projects reports into PostgreSQL and Redis shortly after they happen. */
const PROJECTED_WITHIN_MS = 60_000;

function env(name: string): string {
    const value = process.env[name];
    assert.ok(value, `${name} is set`);
    return value;
}

function configuration(key: string): Configuration {
    return new Configuration({ basePath: env('RTX_GATEWAY_URL'), apiKey: key });
}

function limit(clientOrderId: string | undefined, side: 'BUY' | 'SELL', price: string, quantity: string): PlaceOrderRequest {
    return { clientOrderId, symbol: SYMBOL, side, type: 'LIMIT', timeInForce: 'GTC', price, quantity };
}

function accepted(pending: OrderPending, kind: string): void {
    assert.equal(pending.status, 'PENDING');
    assert.equal(pending.kind, kind);
}

/** Reads until the projection shows the outcome (a 404 before the ledger has the order counts as not yet). */
async function eventually<T>(read: () => Promise<T>, outcome: (value: T) => void): Promise<void> {
    const deadline = Date.now() + PROJECTED_WITHIN_MS;
    for (;;) {
        try {
            outcome(await read());
            return;
        } catch (error) {
            if (Date.now() > deadline) {
                throw error;
            }
            await new Promise(resolve => setTimeout(resolve, 200));
        }
    }
}

/** A 4xx as the client surfaces it: a ResponseError whose body is the problem. */
async function problem(call: () => Promise<unknown>): Promise<Problem> {
    try {
        await call();
    } catch (error) {
        assert.ok(error instanceof ResponseError, `a ResponseError, not ${error}`);
        assert.equal(error.response.headers.get('Content-Type'), 'application/problem+json');
        return ProblemFromJSON(await error.response.json());
    }
    assert.fail('an error answer');
}

async function main(): Promise<void> {
    const a = configuration(env('RTX_KEY_A'));
    const b = configuration(env('RTX_KEY_B'));
    const ordersA = new OrdersApi(a);
    const ordersB = new OrdersApi(b);
    const accountB = new AccountApi(b);
    const markets = new MarketsApi(a);

    const sell = await ordersA.placeOrder({ placeOrderRequest: limit('ts-a-1', 'SELL', '30000.00', '0.5') });
    assert.ok(['PENDING_NEW', 'PENDING'].includes(sell.status!), sell.status);
    const orderId = sell.orderId!;
    const buy = await ordersB.placeOrder({ placeOrderRequest: limit('ts-b-1', 'BUY', '30010.00', '0.2') });
    assert.ok(['PENDING_NEW', 'PENDING'].includes(buy.status!), buy.status);

    await eventually(() => accountB.listMyTrades({ symbol: SYMBOL }), trades => {
        assert.equal(trades.length, 1);
        assert.equal(Number(trades[0].price), 30000);
        assert.equal(Number(trades[0].quantity), 0.2);
    });
    await eventually(() => ordersA.getOrder({ orderId }), order => {
        assert.equal(order.status, 'PARTIALLY_FILLED');
        assert.equal(Number(order.filledQuantity), 0.2);
    });
    const listed = await ordersA.listOrders({ symbol: SYMBOL });
    assert.ok(listed.items!.some(order => order.orderId === orderId), 'the order is listed');

    accepted(await ordersA.amendOrderPrice({ orderId, amendPriceRequest: { price: '30001.00' } }), 'AMEND_PRICE');
    await eventually(() => ordersA.getOrder({ orderId }), order => assert.equal(Number(order.price), 30001));
    accepted(await ordersA.reduceOrderQuantity({ orderId, reduceQuantityRequest: { quantity: '0.4' } }),
        'REDUCE_QUANTITY');
    await eventually(() => ordersA.getOrder({ orderId }), order => {
        assert.equal(Number(order.quantity), 0.4);
        assert.equal(Number(order.leavesQuantity), 0.2);
    });
    await eventually(() => markets.getBook({ symbol: SYMBOL }), book => {
        assert.equal(book.asks!.length, 1);
        assert.equal(Number(book.asks![0].price), 30001);
        assert.equal(Number(book.asks![0].quantity), 0.2);
    });
    // 1,000,000 USD - 6,000 - 12 (20 bps taker fee); 10 + 0.2 BTC.
    await eventually(() => accountB.getBalances(), balances => {
        const available = (asset: string) => Number(balances.balances!.find(b => b.asset === asset)?.available);
        assert.equal(available('USD'), 993988);
        assert.equal(available('BTC'), 10.2);
    });

    accepted(await ordersA.cancelOrder({ orderId }), 'CANCEL');
    await eventually(() => ordersA.getOrder({ orderId }), order => assert.equal(order.status, 'CANCELED'));
    await eventually(() => markets.getBook({ symbol: SYMBOL }), book => assert.equal(book.asks!.length, 0));

    const badPrice = await problem(() => ordersA.placeOrder({ placeOrderRequest: limit(undefined, 'BUY', '100.001', '0.1') }));
    assert.equal(badPrice.status, 400);
    assert.equal(badPrice.type, 'urn:rtx:problem:invalid-request');
    assert.equal(badPrice.field, 'price');
    const unknown = await problem(() => ordersA.getOrder({ orderId: '1' }));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.type, 'urn:rtx:problem:not-found');
    console.log('scenario passed');
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
