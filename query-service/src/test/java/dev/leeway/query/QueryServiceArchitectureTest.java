package dev.leeway.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.leeway", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryServiceArchitectureTest {

    @ArchTest
    static final ArchRule queriesDoNotDependOnTheCommandOrProjectionSide = noClasses()
            .that().resideInAPackage("dev.leeway.query..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.leeway.command..", "dev.leeway.projection..");

    /** query-service only reads: it neither sends commands nor touches the event stream. */
    @ArchTest
    static final ArchRule queriesDoNotSendCommandsOrPublishEvents = noClasses()
            .that().resideInAPackage("dev.leeway.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "org.apache.kafka..");
}
