package dev.leeway.command.policies;

import dev.leeway.kernel.policies.PolicyTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which terms differ between two versions of a policy, by name, for {@code PolicyRevised.changedTerms}. */
final class TermsChanges {

    private TermsChanges() {
    }

    static List<String> between(PolicyTerms before, PolicyTerms after) {
        List<String> changed = new ArrayList<>();
        compare(changed, "title", before.title(), after.title());
        compare(changed, "purpose", before.purpose(), after.purpose());
        compare(changed, "kind", before.kind(), after.kind());
        compare(changed, "unit", before.unit(), after.unit());
        compare(changed, "ownAuthorityLimits", before.ownAuthorityLimits(), after.ownAuthorityLimits());
        compare(changed, "monthlyBudgetPerAgent", before.monthlyBudgetPerAgent(), after.monthlyBudgetPerAgent());
        return changed;
    }

    private static void compare(List<String> changed, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(name);
        }
    }
}
