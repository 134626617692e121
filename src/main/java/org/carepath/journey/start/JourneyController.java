package org.carepath.journey.start;

import java.net.URI;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/journeys}: start one journey for one patient; report care events that end journeys. */
@RestController
class JourneyController {

    private final Journeys journeys;

    JourneyController(Journeys journeys) {
        this.journeys = journeys;
    }

    @PostMapping("/api/v1/journeys")
    ResponseEntity<Map<String, String>> start(@RequestBody JourneyStartRequest request) {
        String id = journeys.start(request);
        return ResponseEntity.created(URI.create("/engine-rest/process-instance/" + id))
                .body(Map.of("journeyId", id, "process", request.process()));
    }

    @PostMapping("/api/v1/journeys/events")
    Map<String, Integer> event(@RequestBody JourneyEvent event) {
        return Map.of("journeysEnded", journeys.happened(event));
    }
}
