package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class CustomerPrivacyTest {

    private static final CustomerId CUSTOMER = new CustomerId("CUST-9");

    /** Keys per customer, without a database; the JDBC vault is exercised end to end. */
    private final Map<CustomerId, Integer> liveKeys = new HashMap<>();
    private AggregateTestFixture<CustomerPrivacy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomerPrivacy.class);
        fixture.registerInjectableResource(new PersonalDataVault() {
            @Override
            public PersonalText seal(CustomerId customer, String text) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int destroyKeys(CustomerId customer) {
                Integer keys = liveKeys.remove(customer);
                return keys == null ? 0 : keys;
            }
        });
    }

    @Test
    void erasingDestroysTheCustomersKeysAndRecordsIt() {
        liveKeys.put(CUSTOMER, 2);

        fixture.givenNoPriorActivity()
                .when(new EraseCustomerDataCommand(CUSTOMER))
                .expectEvents(new CustomerDataErased(CUSTOMER, 2))
                .expectResultMessagePayload(2);
    }

    @Test
    void erasingAnErasedCustomerAgainRecordsNothingNew() {
        fixture.given(new CustomerDataErased(CUSTOMER, 2))
                .when(new EraseCustomerDataCommand(CUSTOMER))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }
}
