package dev.leeway.projection.rebuild;

/** Where a rebuild is: the last four are final. */
public enum RebuildState {
    REPLAYING,
    CATCHING_UP,
    COMPARING,
    /** The shadow replaced the live read model. */
    SWAPPED,
    /** A dry run found the shadow equal to the live read model. */
    SAME,
    /** A dry run found differences; nothing was swapped. */
    DIFFERENT,
    FAILED;

    boolean finished() {
        return ordinal() >= SWAPPED.ordinal();
    }
}
