package org.carepath.journey.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the processes folder: every {@code .bpmn}, {@code .dmn} and {@code .form} below it, skipping dot-folders
 * and dot-files ({@code .camunda/element-templates} is for the Modeler, {@code .git} and editors' backups are
 * nobody's journeys).
 */
public final class ProcessFolder {

    static final Set<String> EXTENSIONS = Set.of("bpmn", "dmn", "form");

    private ProcessFolder() {
    }

    /** The deployable files, sorted by name. */
    public static List<ProcessFile> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UncheckedIOException(new IOException("processes folder not found: " + folder.toAbsolutePath()));
        }
        List<ProcessFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && !hidden(file) && deployable(file)) {
                        byte[] content = Files.readAllBytes(file);
                        files.add(new ProcessFile(nameOf(folder, file), content, sha256(content)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read processes folder " + folder.toAbsolutePath(), e);
        }
        files.sort(Comparator.comparing(ProcessFile::name));
        return files;
    }

    /** The path relative to the folder, with {@code /} whatever the operating system. */
    static String nameOf(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    static boolean deployable(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
