package dev.leeway.projection.stream;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every read model of this service, found by Spring: by name, and by the aggregate types they read. */
@Component
public class ProjectionCatalog {

    private final Map<String, Projection> byName;
    private final Map<String, List<Projection>> byAggregateType;

    ProjectionCatalog(List<Projection> projections) {
        this.byName = projections.stream().collect(Collectors.toMap(Projection::name, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two projections are named " + a.name());
                }, TreeMap::new));
        this.byAggregateType = projections.stream()
                .flatMap(projection -> projection.aggregateTypes().stream().map(type -> Map.entry(type, projection)))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public Collection<Projection> all() {
        return byName.values();
    }

    public Optional<Projection> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<Projection> readersOf(String aggregateType) {
        return byAggregateType.getOrDefault(aggregateType, List.of());
    }
}
