package org.carepath.journey.campaign;

import org.springframework.http.HttpStatus;

/**
 * A campaign that cannot be started, with the status that says why: 400 for a request that is incomplete or
 * contradictory, 422 for one that names a process or segment that does not exist, 409 for a campaign id
 * already used. Messages name fields, process keys and segment ids, never a patient.
 */
public class CampaignRejectedException extends RuntimeException {

    private final HttpStatus status;

    CampaignRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
