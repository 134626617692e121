package org.carepath.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * API keys for integrations. A key is {@code cpk_} and 32 random bytes; only its SHA-256 is stored (the
 * secret has full entropy, so a salt adds nothing). Lookups are cached for a few seconds, so that a busy
 * integration does not cost a query per request; a revocation takes effect on every node within that time.
 */
@Service
public class ApiKeys {

    static final Duration CACHE_TIME = Duration.ofSeconds(10);
    private static final String PREFIX = "cpk_";

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<ApiKey> key, Instant until) {
    }

    /** A key just made: the secret is in here and nowhere else. */
    public record Issued(ApiKey key, String secret) {
    }

    public ApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Issued create(String name, Set<Role> roles) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(insert(name, roles, secret), secret);
    }

    /** Registers a secret chosen outside (CAREPATH_API_KEY) unless it is already known. */
    public void ensure(String secret, String name, Set<Role> roles) {
        if (jdbc.queryForObject("select count(*) from carepath.api_key where secret_hash = ?", Integer.class,
                hash(secret)) == 0) {
            insert(name, roles, secret);
        }
    }

    public Optional<ApiKey> authenticate(String secret) {
        String hash = hash(secret);
        Instant now = Instant.now();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.key();
        }
        Optional<ApiKey> key = jdbc.query("select * from carepath.api_key where secret_hash = ? and revoked_at is null",
                ApiKeys::row, hash).stream().findFirst();
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(hash, new Cached(key, now.plus(CACHE_TIME)));
        return key;
    }

    public List<ApiKey> list() {
        return jdbc.query("select * from carepath.api_key order by created_at", ApiKeys::row);
    }

    public boolean revoke(String id) {
        boolean revoked = jdbc.update("update carepath.api_key set revoked_at = now() where id = ? and revoked_at is null",
                id) == 1;
        cache.clear();
        return revoked;
    }

    public int activeCount() {
        return jdbc.queryForObject("select count(*) from carepath.api_key where revoked_at is null", Integer.class);
    }

    private ApiKey insert(String name, Set<Role> roles, String secret) {
        ApiKey key = new ApiKey("k-" + UUID.randomUUID(), name, Set.copyOf(roles), Instant.now(), null);
        jdbc.update("insert into carepath.api_key (id, name, secret_hash, roles, created_at) values (?, ?, ?, ?, ?)",
                key.id(), key.name(), hash(secret),
                roles.stream().map(Role::name).sorted().toArray(String[]::new), Timestamp.from(key.createdAt()));
        return key;
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        Array roles = rs.getArray("roles");
        Set<Role> parsed = Arrays.stream((String[]) roles.getArray()).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getString("id"), rs.getString("name"), parsed, rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
