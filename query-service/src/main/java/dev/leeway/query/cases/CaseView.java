package dev.leeway.query.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/** One case with its bends, pending, granted and declined; {@code parked} only while its read model waits. */
public record CaseView(@JsonUnwrapped CaseSummaryView summary, List<BendView> bends,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ParkedView parked) {
}
