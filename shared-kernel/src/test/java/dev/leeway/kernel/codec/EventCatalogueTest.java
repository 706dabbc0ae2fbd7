package dev.leeway.kernel.codec;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EventCatalogueTest {

    @Test
    void theCodecKnowsEveryEventClassOfTheKernelAndNothingElse() {
        Set<String> annotated = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.leeway.kernel").stream()
                .filter(type -> type.isAnnotatedWith(Revision.class))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());

        assertThat(annotated).hasSize(15);
        assertThat(EventCodec.standard().payloadTypes()).containsExactlyInAnyOrderElementsOf(annotated);
    }
}
