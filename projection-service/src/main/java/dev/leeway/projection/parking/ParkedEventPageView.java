package dev.leeway.projection.parking;

import java.util.List;

public record ParkedEventPageView(List<ParkedEventView> items, int page, int size, long totalItems) {
}
