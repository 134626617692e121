package org.carepath.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key rotation: start the server with the new key in CAREPATH_DATA_KEY and the old one in
 * CAREPATH_DATA_KEY_PREVIOUS (everything stays readable), then {@code POST /api/v1/data-key/re-encryption}
 * (ADMIN) rewrites every value under the new key; after that the old key can be dropped.
 */
@RestController
class DataKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRotation.class);

    private final List<Reencryptable> owners;
    private final CiphertextRewriter rewriter;

    DataKeyRotation(List<Reencryptable> owners, JdbcTemplate jdbc, FieldCipher cipher) {
        this.owners = owners;
        this.rewriter = new CiphertextRewriter(jdbc, cipher);
    }

    @PostMapping("/api/v1/data-key/re-encryption")
    @ResponseStatus(HttpStatus.OK)
    Map<String, Integer> reencrypt() {
        Map<String, Integer> rewritten = new LinkedHashMap<>();
        for (Reencryptable owner : owners) {
            rewritten.put(owner.name(), owner.reencrypt(rewriter));
        }
        log.info("Re-encrypted under the current data key: {}", rewritten);
        return rewritten;
    }
}
