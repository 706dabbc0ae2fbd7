package dev.leeway.query.analytics.whatif;

/** A bend's {@link Category}, and for a refusal the reason (see {@link RefusalReason}). */
record Route(Category category, String refusalReason) {

    static final Route OWN_AUTHORITY = new Route(Category.OWN_AUTHORITY, null);
    static final Route SECOND_PERSON = new Route(Category.SECOND_PERSON, null);

    static Route refused(String reason) {
        return new Route(Category.REFUSED, reason);
    }
}
