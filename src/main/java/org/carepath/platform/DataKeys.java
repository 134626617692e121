package org.carepath.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the data key comes from: {@code CAREPATH_DATA_KEY} (base64, 32 bytes) when set; otherwise a key
 * generated once into {@code var/data.key}, readable by the owner only, for the embedded default.
 * {@code CAREPATH_DATA_KEY_PREVIOUS} (comma-separated) keeps data written under older keys readable.
 */
@Configuration(proxyBeanMethods = false)
public class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);

    @Bean
    FieldCipher fieldCipher(@Value("${carepath.data-key:}") String configured,
                            @Value("${carepath.data-key-previous:}") String previous,
                            @Value("${carepath.var-dir}") Path varDir) {
        byte[] current = configured.isBlank() ? keyFile(varDir.resolve("data.key")) : decode(configured);
        List<byte[]> older = new ArrayList<>();
        for (String key : previous.split(",")) {
            if (!key.isBlank()) {
                older.add(decode(key.strip()));
            }
        }
        return new FieldCipher(current, older);
    }

    private static byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).strip());
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("Cannot restrict the permissions of {}", file);
            }
            log.info("Generated a data key in {}; set CAREPATH_DATA_KEY in production", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the data key " + file, e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the data key is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("the data key must be 32 bytes (base64 of 32 random bytes), not "
                    + key.length);
        }
        return key;
    }
}
