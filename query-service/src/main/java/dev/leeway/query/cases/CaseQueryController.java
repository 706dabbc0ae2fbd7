package dev.leeway.query.cases;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.query.web.ApiDocumentation;
import dev.leeway.query.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping(path = "/cases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cases", description = "The case list and each case with its bends, as the read model holds them.")
@SecurityRequirement(name = ApiDocumentation.BEARER, scopes = {"AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR"})
class CaseQueryController {

    private final CaseSummaryRepository cases;

    CaseQueryController(CaseSummaryRepository cases) {
        this.cases = cases;
    }

    @GetMapping("/{caseId}")
    @Operation(summary = "One case with its bends",
            description = "The case, its bends (pending, granted, declined, reviewed) and its version as ETag, for "
                    + "a later write with If-Match. `parked` is present while some of its events wait for an "
                    + "operator. 404 CASE_NOT_FOUND.")
    ResponseEntity<CaseView> get(@PathVariable UUID caseId) {
        CaseSummaryView summary = cases.find(caseId)
                .orElseThrow(() -> new ApiProblem(ErrorCode.CASE_NOT_FOUND, "No case " + caseId + "."));
        return ResponseEntity.ok().eTag(Long.toString(summary.version()))
                .body(new CaseView(summary, cases.bendsOf(caseId), cases.parkedOf(caseId).orElse(null)));
    }

    @GetMapping
    @Operation(summary = "Cases by status, newest first", description = "Paged; totalItems counts them all.")
    CasePageView list(@RequestParam(defaultValue = "OPEN") CaseStatus status,
                      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return new CasePageView(cases.findByStatus(status, page, size), page, size, cases.countByStatus(status));
    }
}
