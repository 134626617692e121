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
        Journeys.Started started = journeys.start(request);
        Map<String, String> body = Map.of("journeyId", started.journeyId(), "process", request.process());
        return started.isNew()
                ? ResponseEntity.created(URI.create("/engine-rest/process-instance/" + started.journeyId())).body(body)
                : ResponseEntity.ok(body);
    }

    @PostMapping("/api/v1/journeys/events")
    Map<String, Integer> event(@RequestBody JourneyEvent event) {
        return Map.of("journeysEnded", journeys.happened(event));
    }
}
