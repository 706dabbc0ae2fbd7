package dev.leeway.command.cases.web;

import dev.leeway.command.cases.OpenCaseCommand;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.customers.CustomerId;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping(path = "/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseCommandController {

    private final CommandGateway commandGateway;
    private final IdGenerator idGenerator;

    CaseCommandController(CommandGateway commandGateway, IdGenerator idGenerator) {
        this.commandGateway = commandGateway;
        this.idGenerator = idGenerator;
    }

    /** Answers once the event is committed to the event store; Kafka may still be catching up. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseOpenedResponse> open(@Valid @RequestBody OpenCaseRequest request) {
        CaseId caseId = new CaseId(idGenerator.generateId());
        commandGateway.sendAndWait(new OpenCaseCommand(caseId, new CustomerId(request.customerId()),
                request.channel(), request.subject(), request.description()));
        return ResponseEntity.created(URI.create("/cases/" + caseId)).body(new CaseOpenedResponse(caseId.toString()));
    }
}
