package org.carepath.compliance.decision;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/decisions}: the compliance decision, as the contract describes it. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

    private final ComplianceDecisionService decisions;

    DecisionController(ComplianceDecisionService decisions) {
        this.decisions = decisions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.OK)
    DecisionResponse decide(@RequestBody DecisionRequest request) {
        return decisions.decide(request);
    }

    @GetMapping("/{id}")
    StoredDecision find(@PathVariable String id) {
        return decisions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no decision with that id"));
    }
}
