package io.rtx.engine.orderbook;

/** All orders at one price, oldest first: O(1) append and O(1) unlink by node. */
final class PriceLevel {

    long price;
    long quantity;
    int orders;
    RestingOrder head;
    RestingOrder tail;

    void append(RestingOrder order) {
        order.level = this;
        order.previous = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        quantity += order.leaves();
        orders++;
    }

    void unlink(RestingOrder order) {
        if (order.previous == null) {
            head = order.next;
        } else {
            order.previous.next = order.next;
        }
        if (order.next == null) {
            tail = order.previous;
        } else {
            order.next.previous = order.previous;
        }
        quantity -= order.leaves();
        orders--;
        order.level = null;
        order.previous = null;
        order.next = null;
    }

    boolean isEmpty() {
        return head == null;
    }
}
