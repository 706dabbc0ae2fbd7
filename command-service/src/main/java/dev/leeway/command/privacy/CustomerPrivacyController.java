package dev.leeway.command.privacy;

import dev.leeway.command.messaging.CommandSender;
import dev.leeway.command.web.IdempotentRequests;
import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.kernel.customers.CustomerId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /customers/{id}/erasure} (ADMIN): forget a customer's personal data; the proof of history holds. */
@RestController
class CustomerPrivacyController {

    private final CommandSender commands;
    private final IdempotentRequests idempotent;

    CustomerPrivacyController(CommandSender commands, IdempotentRequests idempotent) {
        this.commands = commands;
        this.idempotent = idempotent;
    }

    @PostMapping(path = "/customers/{customerId}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> erase(@PathVariable String customerId) {
        CustomerId customer = InvalidRequestValue.convert("customerId", () -> new CustomerId(customerId));
        return idempotent.execute(customerId, () -> {
            int destroyed = commands.sendToCustomer(new EraseCustomerDataCommand(customer));
            return ResponseEntity.ok(new ErasureResponse(customer.value(), destroyed));
        });
    }

    record ErasureResponse(String customerId, int keysDestroyed) {
    }
}
