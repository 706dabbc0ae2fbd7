package dev.leeway.query.cases;

import java.util.List;

public record CasePageView(List<CaseSummaryView> items, int page, int size, long totalItems) {
}
