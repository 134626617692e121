package org.carepath;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the integration tests: the whole server on a random port, on a real embedded PostgreSQL in
 * target/, with copies of the rule book and the processes folder the tests may change. Every subclass shares
 * one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "carepath.var-dir=target/test-var",
        "carepath.embedded-postgres.clean=true",
        "carepath.rules.dir=" + ServerTest.RULES,
        "carepath.rules.poll-interval=200ms",
        "carepath.processes.dir=" + ServerTest.PROCESSES,
        "carepath.processes.poll-interval=200ms",
        "carepath.admin-password=" + ServerTest.ADMIN_PASSWORD,
        "carepath.api-key=" + ServerTest.API_KEY,
        "carepath.delivery.poll-interval=200ms",
        // on by default; said here because CaughtMailPageIT needs it. The routes below still send carepath's
        // mail to the tests' GreenMail, so the catcher runs without receiving any of it.
        "carepath.delivery.catcher.enabled=true",
})
public abstract class ServerTest {

    public static final String RULES = "target/test-rules";
    /** The project's processes folder plus the test fixtures of src/test/resources/test-processes. */
    public static final String PROCESSES = "target/test-processes";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String API_KEY = "cpk_test-key-with-every-role";
    /**
     * Where the server delivers all mail in the tests (DeliveryIT listens there with GreenMail): a port that
     * was free when the tests started, so two test runs on one machine do not collide.
     */
    public static final int SMTP_PORT = freePort();

    /** The public half of the DKIM key the test server signs with, for dkimpy in place of DNS. */
    public static final String DKIM_PUBLIC_KEY;

    static {
        copyRuleBook();
        copyProcesses();
        DKIM_PUBLIC_KEY = dkimKey();
        System.setProperty("carepath.delivery.routes", "*=127.0.0.1:" + SMTP_PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }

    /** A DKIM key for the test server, handed over as system properties before any context starts. */
    private static String dkimKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            StringWriter pem = new StringWriter();
            try (var writer = new JcaPEMWriter(pem)) {
                writer.writeObject(keys.getPrivate());
            }
            System.setProperty("carepath.dkim.domain", "riverside-clinic.example");
            System.setProperty("carepath.dkim.selector", "test");
            System.setProperty("carepath.dkim.private-key", pem.toString());
            return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test rule book is the project's own, copied fresh once per test JVM. */
    private static void copyRuleBook() {
        Path target = Path.of(RULES);
        try {
            emptyFolder(target);
            try (Stream<Path> drl = Files.list(Path.of("rules"))) {
                for (Path file : drl.filter(p -> p.toString().endsWith(".drl")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The journeys the server deploys on start: the project's processes folder as it is, and the deployment
     * tests' fixtures, copied fresh once per test JVM.
     */
    private static void copyProcesses() {
        Path target = Path.of(PROCESSES);
        try {
            emptyFolder(target);
            copyTree(Path.of("processes"), target);
            copyTree(Path.of("src/test/resources/test-processes"), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void emptyFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(folder);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
