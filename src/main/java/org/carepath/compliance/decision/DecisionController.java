package org.carepath.compliance.decision;

import java.security.Principal;

import org.carepath.platform.PhiRead;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;

    DecisionController(ComplianceDecisionService decisions, ApplicationEventPublisher events) {
        this.decisions = decisions;
        this.events = events;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.OK)
    DecisionResponse decide(@RequestBody DecisionRequest request) {
        return decisions.decide(request);
    }

    @GetMapping("/{id}")
    StoredDecision find(@PathVariable String id, Principal who) {
        StoredDecision found = decisions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no decision with that id"));
        if (found.facts().patient().id() != null) {
            events.publishEvent(new PhiRead(who.getName(), found.facts().patient().id(), "read decision " + id));
        }
        return found;
    }
}
