package org.carepath.journey.deployment;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/processes}: each file of the processes folder, what of it runs, and its problems. */
@RestController
@RequestMapping("/api/v1/processes")
class ProcessFolderController {

    private final ProcessDeployer deployer;

    ProcessFolderController(ProcessDeployer deployer) {
        this.deployer = deployer;
    }

    @GetMapping
    ProcessFolderStatus status() {
        return deployer.status();
    }
}
