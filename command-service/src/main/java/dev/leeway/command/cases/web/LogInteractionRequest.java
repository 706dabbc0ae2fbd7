package dev.leeway.command.cases.web;

import dev.leeway.command.cases.LogInteractionCommand;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Direction;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record LogInteractionRequest(@NotNull Channel channel,
                                    @NotNull Direction direction,
                                    @NotBlank @Size(max = 4000) String summary) {

    public LogInteractionCommand toCommand(CaseId caseId, Long expectedVersion) {
        return new LogInteractionCommand(caseId, expectedVersion, channel, direction, summary);
    }
}
