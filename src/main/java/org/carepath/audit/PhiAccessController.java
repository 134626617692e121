package org.carepath.audit;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Compliance answers "who looked at my record?" (45 CFR 164.528 accounting starts from this). */
@RestController
class PhiAccessController {

    private final PhiAccessLog log;

    PhiAccessController(PhiAccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/patients/{patientId}/phi-access")
    List<PhiAccessLog.Access> ofPatient(@PathVariable String patientId) {
        return log.ofPatient(patientId);
    }
}
