package dev.leeway.kernel.codec;

import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.Revision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One event type as the codec reads it: its record, its current revision (its {@code @Revision}), and for each
 * older revision the upcasters that bring it to the current one.
 */
record KnownEvent(Class<?> type, String revision, ObjectReader reader, Map<String, List<Upcaster>> pathsToCurrent) {

    /** Refuses, when the codec is built, a history whose steps do not all lead to the current revision. */
    static KnownEvent of(Class<?> type, ObjectReader reader, Map<String, Upcaster> stepsByFromRevision) {
        Revision annotation = type.getAnnotation(Revision.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " has no @Revision");
        }
        String current = annotation.value();
        Map<String, List<Upcaster>> paths = new HashMap<>();
        for (String from : stepsByFromRevision.keySet()) {
            List<Upcaster> path = new ArrayList<>();
            String revision = from;
            while (!revision.equals(current)) {
                Upcaster step = stepsByFromRevision.get(revision);
                if (step == null || path.size() > stepsByFromRevision.size()) {
                    throw new IllegalArgumentException(type.getName() + " revision " + from + " has no upcasters to "
                            + current);
                }
                path.add(step);
                revision = step.toRevision();
            }
            paths.put(from, List.copyOf(path));
        }
        return new KnownEvent(type, current, reader, Map.copyOf(paths));
    }

    String name() {
        return type.getName();
    }

    /** The steps from {@code storedRevision} to the current revision; none when it is the current one. */
    List<Upcaster> pathFrom(String storedRevision) {
        if (revision.equals(storedRevision)) {
            return List.of();
        }
        List<Upcaster> path = storedRevision == null ? null : pathsToCurrent.get(storedRevision);
        if (path == null) {
            throw new UnknownEventException(name(), storedRevision,
                    "this version reads revisions " + String.join(", ", readableRevisions()));
        }
        return path;
    }

    TreeSet<String> readableRevisions() {
        TreeSet<String> revisions = new TreeSet<>(pathsToCurrent.keySet());
        revisions.add(revision);
        return revisions;
    }
}
