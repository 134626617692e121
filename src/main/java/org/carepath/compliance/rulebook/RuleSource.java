package org.carepath.compliance.rulebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule files of one version of the rule book, read from a folder or restored from the database.
 * The version is {@code sha256:} over every file's name and content, in name order, so the same rules give
 * the same version on every machine.
 */
public record RuleSource(List<RuleFile> files, String version) {

    public static RuleSource of(List<RuleFile> files) {
        List<RuleFile> sorted = files.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        MessageDigest digest = sha256();
        for (RuleFile file : sorted) {
            digest.update(file.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.content().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return new RuleSource(sorted, "sha256:" + HexFormat.of().formatHex(digest.digest()));
    }

    /** Every {@code .drl} below {@code folder} (tests and other files are not rules). */
    public static RuleSource read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UncheckedIOException(new IOException("rules folder not found: " + folder.toAbsolutePath()));
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            List<RuleFile> files = paths
                    .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".drl"))
                    .map(p -> file(folder.relativize(p).toString().replace('\\', '/'), readText(p)))
                    .toList();
            return of(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + folder.toAbsolutePath(), e);
        }
    }

    public static RuleFile file(String name, String content) {
        return new RuleFile(name, content,
                HexFormat.of().formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8))));
    }

    private static String readText(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + path, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
