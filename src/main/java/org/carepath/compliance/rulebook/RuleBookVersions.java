package org.carepath.compliance.rulebook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every rule book version that compiled and served, kept so decisions can be replayed on their own rules. */
@Repository
class RuleBookVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    RuleBookVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void remember(RuleSource source) {
        Map<String, String> files = new TreeMap<>();
        source.files().forEach(f -> files.put(f.name(), f.content()));
        try {
            jdbc.update("insert into carepath.rule_book_version (version, accepted_at, files) values (?, ?, ?::jsonb)"
                            + " on conflict (version) do nothing",
                    source.version(), Timestamp.from(Instant.now()), JSON.writeValueAsString(files));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last version that served, to fall back on when the folder's rules do not compile at start. */
    Optional<RuleSource> latest() {
        List<String> rows = jdbc.queryForList(
                "select files::text from carepath.rule_book_version order by accepted_at desc limit 1", String.class);
        return rows.stream().findFirst().map(RuleBookVersions::source);
    }

    private static RuleSource source(String filesJson) {
        try {
            Map<String, String> files = JSON.readValue(filesJson, new TypeReference<Map<String, String>>() { });
            return RuleSource.of(files.entrySet().stream().map(e -> RuleSource.file(e.getKey(), e.getValue()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule book is unreadable", e);
        }
    }
}
