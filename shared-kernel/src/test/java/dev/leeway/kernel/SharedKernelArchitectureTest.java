package dev.leeway.kernel;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.leeway.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedKernelArchitectureTest {

    @ArchTest
    static final ArchRule sharedKernelDoesNotDependOnSpring = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule sharedKernelDoesNotDependOnAnyService = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.leeway.command..", "dev.leeway.query..", "dev.leeway.projection..");
}
