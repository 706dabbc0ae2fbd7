package dev.leeway.query.cases;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/** One case with its bends, pending, granted and declined. */
public record CaseView(@JsonUnwrapped CaseSummaryView summary, List<BendView> bends) {
}
