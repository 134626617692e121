package org.carepath.patient.segment;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import org.carepath.compliance.PhiCategory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/segments}: saved queries over the registry, and how many patients they select. */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentController {

    private final Segments segments;

    SegmentController(Segments segments) {
        this.segments = segments;
    }

    record NewSegment(String name, SegmentCriteria criteria) {
    }

    /** A count and the PHI used, never the members: a preview shows no one. */
    record Preview(int count, Set<PhiCategory> phiUsed) {
    }

    @PostMapping
    ResponseEntity<Segment> save(@RequestBody NewSegment request, Principal who) {
        if (request.name() == null || request.name().isBlank() || request.criteria() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name and criteria are required");
        }
        try {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(segments.save(request.name(), request.criteria(), who.getName()));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    @GetMapping
    List<Segment> list() {
        return segments.list();
    }

    @GetMapping("/{id}")
    Segment find(@PathVariable String id) {
        return segments.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no segment with that id"));
    }

    @GetMapping("/{id}/preview")
    Preview preview(@PathVariable String id) {
        Segment segment = find(id);
        return new Preview(segments.members(segment.criteria()).size(), segment.phiUsed());
    }

    /** Counts what unsaved criteria would select, while a designer shapes a segment. */
    @PostMapping("/preview")
    Preview preview(@RequestBody SegmentCriteria criteria) {
        return new Preview(segments.members(criteria).size(), criteria.phiUsed());
    }
}
