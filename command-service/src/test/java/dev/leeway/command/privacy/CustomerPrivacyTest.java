package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;


class CustomerPrivacyTest {

    private static final CustomerId CUSTOMER = new CustomerId("CUST-9");

    /** The live keys as counted before the command arrives; the keys themselves are destroyed end to end (IT). */
    private AggregateTestFixture<CustomerPrivacy> fixture(int liveKeys) {
        AggregateTestFixture<CustomerPrivacy> fixture = new AggregateTestFixture<>(CustomerPrivacy.class);
        fixture.registerInjectableResource(new LiveKeys(liveKeys));
        return fixture;
    }

    @Test
    void erasingDestroysTheCustomersKeysAndRecordsIt() {
        fixture(2).givenNoPriorActivity()
                .when(new EraseCustomerDataCommand(CUSTOMER))
                .expectEvents(new CustomerDataErased(CUSTOMER, 2))
                .expectResultMessagePayload(2);
    }

    @Test
    void erasingAnErasedCustomerAgainRecordsNothingNew() {
        fixture(0).given(new CustomerDataErased(CUSTOMER, 2))
                .when(new EraseCustomerDataCommand(CUSTOMER))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }
}
