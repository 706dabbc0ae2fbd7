package dev.leeway.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.time.Instant;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.leeway", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

    @ArchTest
    static final ArchRule commandsDoNotReachIntoTheReadSide = noClasses()
            .that().resideInAPackage("dev.leeway.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leeway.query..", "dev.leeway.projection..");

    /** Time and ids come from the message (@Timestamp) or are injected, so aggregates replay the same way. */
    @ArchTest
    static final ArchRule aggregatesNeitherReadTheClockNorMakeIds = noClasses()
            .that().resideInAPackage("dev.leeway.command.cases")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(UUID.class, "randomUUID");

    @ArchTest
    static final ArchRule theWebLayerSendsCommandsAndDoesNotTouchAggregates = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class);
}
