package org.carepath.journey.campaign;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/campaigns}: start a journey for many patients (202: the launcher does the starting), follow
 * its progress, cancel it. Roles are in SecurityConfiguration.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

    private final Campaigns campaigns;

    CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping
    ResponseEntity<CampaignView> start(@RequestBody(required = false) CampaignRequest request, Principal who) {
        CampaignView started = campaigns.start(request, who.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/campaigns/" + started.id())).body(started);
    }

    @GetMapping
    List<CampaignView> list() {
        return campaigns.list();
    }

    @GetMapping("/{id}")
    CampaignView find(@PathVariable String id) {
        return campaigns.find(id).orElseThrow(CampaignController::notFound);
    }

    /** {@code {"approved": true}} or {@code false}; by a compliance officer who did not record the campaign. */
    record Review(Boolean approved) {
    }

    @PostMapping("/{id}/approval")
    CampaignView review(@PathVariable String id, @RequestBody Review review, Principal who) {
        if (review == null || review.approved() == null) {
            throw new CampaignRejectedException(HttpStatus.BAD_REQUEST, "approved: true or false is required");
        }
        return campaigns.review(id, review.approved(), who.getName()).orElseThrow(CampaignController::notFound);
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<CampaignView> cancel(@PathVariable String id, Principal who) {
        return ResponseEntity.accepted().body(campaigns.cancel(id, who.getName()).orElseThrow(
                CampaignController::notFound));
    }

    @ExceptionHandler(CampaignRejectedException.class)
    ProblemDetail rejected(CampaignRejectedException e) {
        return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign with that id");
    }
}
