package org.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data in a folder of ours across restarts, as a real server would. */
class EmbeddedPostgresRestartTest {

    @TempDir
    Path var;

    @Test
    void dataSurvivesARestart() throws Exception {
        Path data = var.resolve("postgres");
        try (EmbeddedPostgres first = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).start();
             Connection c = first.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('still here')");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).start();
             Connection c = second.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }
}
