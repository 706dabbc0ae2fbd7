package dev.leeway.command.eventstore;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache (named on each {@code @Aggregate}): a case or policy is decided from memory instead of
 * being rebuilt from all its events on every command, but only while it is what the store holds. Before an entry
 * is used, the store's last sequence number for that aggregate is read (one lookup in the primary key's index,
 * in the command's own transaction) and compared with the entry's version; if anything was appended since (by
 * another command-service replica, or by anyone writing the store directly), the entry is dropped and Axon reads
 * the events as it would without a cache. Axon puts an entry after appending and removes it when the unit of
 * work rolls back, so an entry never holds state that is not stored.
 * <p>
 * Bounded in entries (a case is a few KiB); {@code LEEWAY_AGGREGATE_CACHE_SIZE=0} turns it off.
 */
final class AggregateCache implements Cache {

    private static final String LAST_SEQUENCE = "SELECT max(sequence_number) FROM " + EventStoreConfiguration.SCHEMA
            + ".domain_event_entry WHERE aggregate_identifier = ?";
    /** Axon keeps an entry's version private; it is what the freshness check compares. */
    private static final Field VERSION = versionField();

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final JdbcTemplate jdbc;

    AggregateCache(long maximumSize, JdbcTemplate jdbc) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
        this.jdbc = jdbc;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (!Objects.equals(version(entry), jdbc.queryForObject(LAST_SEQUENCE, Long.class, key.toString()))) {
            entries.invalidate(key);
            return null;
        }
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    /** Nobody listens: Axon's aggregate repositories register no listeners. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }

    /** An entry's version (its last event's sequence number), or null for anything but Axon's cache entry. */
    static Long version(Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry.version is not readable", e);
        }
    }

    private static Field versionField() {
        try {
            Field version = AggregateCacheEntry.class.getDeclaredField("version");
            version.setAccessible(true);
            return version;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("This Axon version's AggregateCacheEntry has no version field: the "
                    + "aggregate cache cannot check freshness (set LEEWAY_AGGREGATE_CACHE_SIZE=0)", e);
        }
    }
}
