package org.carepath.compliance.rulebook;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/rules}: the version serving, its files, and the last rejected change with its errors. */
@RestController
@RequestMapping("/api/v1/rules")
class RuleBookController {

    private final RuleBook ruleBook;

    RuleBookController(RuleBook ruleBook) {
        this.ruleBook = ruleBook;
    }

    @GetMapping
    RuleBookStatus status() {
        return ruleBook.status();
    }

    /** Re-reads the folder now instead of at the next poll; answers the resulting status. */
    @PostMapping("/reload")
    RuleBookStatus reload() {
        ruleBook.reload();
        return ruleBook.status();
    }
}
