package dev.leeway.command.cases;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.customers.CustomerId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.UUID;

class CaseTest {

    private static final CaseId CASE_ID = new CaseId(UUID.fromString("8d7a3c9e-0b6f-4d2a-9a51-3f3e2c1b0a01"));
    private static final CustomerId CUSTOMER = new CustomerId("CUST-7");

    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void aCaseIsOpenedFromWhicheverChannelTheCustomerUsed(Channel channel) {
        fixture.givenNoPriorActivity()
                .when(new OpenCaseCommand(CASE_ID, CUSTOMER, channel, "Broken kettle", "Stopped after two days"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CaseOpened(CASE_ID, CUSTOMER, channel, "Broken kettle", "Stopped after two days"));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void aCaseMayBeOpenedWithoutADescription(Channel channel) {
        fixture.givenNoPriorActivity()
                .when(new OpenCaseCommand(CASE_ID, CUSTOMER, channel, "Call me back", null))
                .expectEvents(new CaseOpened(CASE_ID, CUSTOMER, channel, "Call me back", null));
    }
}
