package dev.leeway.command.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportIdsTest {

    @Test
    void theSameSourceIdAlwaysGivesTheSameCaseSoAReimportFindsIt() {
        assertThat(ImportIds.caseId("zendesk-1")).isEqualTo(ImportIds.caseId("zendesk-1"));
        assertThat(ImportIds.caseId("zendesk-1")).isNotEqualTo(ImportIds.caseId("zendesk-2"));
    }

    @Test
    void idsAreNameBasedVersionFiveUuids() {
        assertThat(ImportIds.caseId("zendesk-1").value().version()).isEqualTo(5);
        assertThat(ImportIds.caseId("zendesk-1").value().variant()).isEqualTo(2);
    }

    @Test
    void aBendsIdDependsOnItsCaseAndItsRefAndNoPairOfNamesCollides() {
        assertThat(ImportIds.exceptionId("a", "b1")).isEqualTo(ImportIds.exceptionId("a", "b1"));
        assertThat(ImportIds.exceptionId("a", "b1")).isNotEqualTo(ImportIds.exceptionId("b", "b1"));
        assertThat(ImportIds.exceptionId("a b", "c")).isNotEqualTo(ImportIds.exceptionId("a", "b c"));
        assertThat(ImportIds.exceptionId("a", "b").value()).isNotEqualTo(ImportIds.caseId("a").value());
    }
}
