package io.jvitess.tablet.health;

import io.jvitess.proto.query.StreamHealthResponse;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Fans the tablet's latest health out to every StreamHealth subscriber (each vtgate). A new
 * subscriber gets the current state at once; later states are sent as they are published.
 */
public final class HealthBroadcaster {

    private final CopyOnWriteArrayList<Consumer<StreamHealthResponse>> subscribers = new CopyOnWriteArrayList<>();
    private volatile StreamHealthResponse current;

    public HealthBroadcaster(StreamHealthResponse initial) {
        this.current = requireNonNull(initial, "initial is null");
    }

    public StreamHealthResponse current() {
        return current;
    }

    public void publish(StreamHealthResponse health) {
        current = requireNonNull(health, "health is null");
        for (Consumer<StreamHealthResponse> subscriber : subscribers) {
            subscriber.accept(health);
        }
    }

    /** Subscribes and immediately delivers the current state; closing unsubscribes. */
    public AutoCloseable subscribe(Consumer<StreamHealthResponse> subscriber) {
        subscribers.add(subscriber);
        subscriber.accept(current);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
