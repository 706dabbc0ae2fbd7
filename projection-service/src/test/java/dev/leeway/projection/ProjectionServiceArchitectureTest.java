package dev.leeway.projection;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.leeway", importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectionServiceArchitectureTest {

    /** Projections learn about the command side only through events on Kafka (shared-kernel types). */
    @ArchTest
    static final ArchRule projectionsDoNotDependOnTheCommandOrQuerySide = noClasses()
            .that().resideInAPackage("dev.leeway.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leeway.command..", "dev.leeway.query..");

    @ArchTest
    static final ArchRule projectionsDoNotUseAxon = noClasses()
            .that().resideInAPackage("dev.leeway.projection..")
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..");
}
