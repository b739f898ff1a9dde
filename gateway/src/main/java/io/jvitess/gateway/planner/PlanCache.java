package io.jvitess.gateway.planner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plans by normalized query (bounded, least recently used evicted first), with the counters an
 * operator watches: hits, misses, evictions and the current size.
 */
public final class PlanCache {

    /** A snapshot of the cache counters. */
    public record Stats(long hits, long misses, long evictions, int size, int capacity) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Plan> plans;
    private long hits;
    private long misses;
    private long evictions;

    public PlanCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Plan> eldest) {
                if (size() > PlanCache.this.capacity) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    public synchronized Optional<Plan> get(String key) {
        Plan plan = plans.get(key);
        if (plan == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(plan);
    }

    public synchronized void put(String key, Plan plan) {
        if (capacity > 0) {
            plans.put(key, plan);
        }
    }

    public synchronized void clear() {
        plans.clear();
    }

    public synchronized Stats stats() {
        return new Stats(hits, misses, evictions, plans.size(), capacity);
    }
}
