package dev.leeway.kernel.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataCipherTest {

    private final byte[] key = PersonalDataCipher.newKey();

    @Test
    void sealedTextOpensWithItsKeyOnly() {
        String sealed = PersonalDataCipher.seal(key, "key-1", "Zoë Smith, 12 Baker Street 🙂");

        assertThat(sealed).doesNotContain("Baker");
        assertThat(PersonalDataCipher.open(key, "key-1", sealed)).hasValue("Zoë Smith, 12 Baker Street 🙂");
        assertThat(PersonalDataCipher.open(PersonalDataCipher.newKey(), "key-1", sealed)).isEmpty();
    }

    @Test
    void aCiphertextCannotBePassedOffUnderAnotherKeyId() {
        String sealed = PersonalDataCipher.seal(key, "key-1", "secret");

        assertThat(PersonalDataCipher.open(key, "key-2", sealed)).isEmpty();
    }

    @Test
    void sealingTheSameTextTwiceGivesDifferentCiphertexts() {
        assertThat(PersonalDataCipher.seal(key, "k", "same")).isNotEqualTo(PersonalDataCipher.seal(key, "k", "same"));
    }
}
