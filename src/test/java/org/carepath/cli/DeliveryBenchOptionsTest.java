package org.carepath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeliveryBenchOptionsTest {

    private static final List<String> SINK = List.of("--sink", "127.0.0.1:2526", "--trust-store", "/tmp/t.p12",
            "--trust-store-password", "changeit");

    private static List<String> args(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("delivery"));
        all.addAll(SINK);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void readsEveryOptionAndRepeatedProperties() {
        DeliveryBenchOptions options = DeliveryBenchOptions.parse(args("--messages", "3000", "--threads", "8",
                "--warmup", "0", "--paths", "plain,tls", "--property", "carepath.delivery.workers=8",
                "--property", "carepath.delivery.poll-interval=10ms", "--rules", "my-rules"));

        assertThat(options.sinkHost()).isEqualTo("127.0.0.1");
        assertThat(options.sinkPort()).isEqualTo(2526);
        assertThat(options.trustStore()).isEqualTo(Path.of("/tmp/t.p12"));
        assertThat(options.trustStorePassword()).isEqualTo("changeit");
        assertThat(options.messages()).isEqualTo(3000);
        assertThat(options.threads()).isEqualTo(8);
        assertThat(options.warmup()).isZero();
        assertThat(options.paths()).containsExactly("plain", "tls");
        assertThat(options.measures("pgp")).isFalse();
        assertThat(options.rules()).isEqualTo(Path.of("my-rules"));
        assertThat(options.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "carepath.delivery.workers", "8", "carepath.delivery.poll-interval", "10ms"));
    }

    @Test
    void defaultsMeasureEveryPath() {
        DeliveryBenchOptions options = DeliveryBenchOptions.parse(args());

        assertThat(options.messages()).isEqualTo(10000);
        assertThat(options.threads()).isEqualTo(4);
        assertThat(options.warmup()).isEqualTo(2000);
        assertThat(options.paths()).containsExactly("plain", "tls", "smime", "pgp");
        assertThat(options.properties()).isEmpty();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(List.of("delivery", "--messages", "10")))
                .hasMessage("--sink is required");
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(args("--paths", "tls,fax")))
                .hasMessageContaining("unknown path 'fax'");
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(args("--messages", "0")))
                .hasMessage("--messages must be more than 0");
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(args("--threads", "many")))
                .hasMessage("--threads is not a number: 'many'");
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(args("--property", "no-equals-sign")))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(args("--mesages", "10")))
                .hasMessage("unknown option --mesages");
        assertThatThrownBy(() -> DeliveryBenchOptions.parse(List.of("delivery", "--sink", "nohost", "--trust-store",
                "t", "--trust-store-password", "p"))).hasMessageContaining("HOST:PORT");
    }

    @Test
    void theBenchCommandSendsDeliveryHereAndExplainsAMistake() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status = new BenchCommand(new PrintStream(text, true, StandardCharsets.UTF_8))
                .run(List.of("delivery", "--messages", "10"));

        assertThat(status).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("--sink is required")
                .contains("bench delivery --sink HOST:PORT");
    }
}
