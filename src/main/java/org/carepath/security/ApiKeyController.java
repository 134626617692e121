package org.carepath.security;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators issue, list and revoke API keys. The secret is in the creation answer only. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record NewKey(String name, Set<Role> roles) {
    }

    @PostMapping
    ResponseEntity<ApiKeys.Issued> create(@RequestBody NewKey request) {
        if (request.name() == null || request.name().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name is required");
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "roles must name at least one role");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(keys.create(request.name(), request.roles()));
    }

    @GetMapping
    List<ApiKey> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active API key " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
