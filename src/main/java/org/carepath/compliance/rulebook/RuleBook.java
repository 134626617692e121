package org.carepath.compliance.rulebook;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The rule book the server decides with. It serves decisions from one immutable {@link RuleSet}; when the
 * rules folder changes and the new files compile, the new set replaces the old one in a single reference
 * swap (decisions already running finish on the old one). Files that do not compile are rejected: the old
 * rules keep serving and the errors are logged and reported by {@link #status()}.
 */
@Service
public class RuleBook {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

    private final Path folder;
    private final RuleBookVersions versions;
    private final AtomicReference<Serving> serving = new AtomicReference<>();
    private final AtomicReference<RuleBookStatus.Rejection> rejected = new AtomicReference<>();
    private volatile String lastSeenVersion;

    private record Serving(RuleSet rules, Instant since, String origin) {
    }

    public RuleBook(@Value("${carepath.rules.dir}") Path folder, RuleBookVersions versions) {
        this.folder = folder;
        this.versions = versions;
        reload();
        if (serving.get() == null) {
            fallBackOnLastServedVersion();
        }
    }

    /** The rules in force now. Callers keep the returned set for the whole decision. */
    public RuleSet current() {
        Serving now = serving.get();
        if (now == null) {
            throw new NoRuleBookException(rejected.get());
        }
        return now.rules();
    }

    /** Re-reads the folder and swaps in its rules if they changed and compile. Returns the problems, if any. */
    public synchronized List<RuleProblem> reload() {
        RuleSource source;
        try {
            source = RuleSource.read(folder);
        } catch (RuntimeException e) {
            return reject(RuleSource.of(List.of()), List.of(new RuleProblem(folder.toString(), 0, 0,
                    e.getMessage())));
        }
        lastSeenVersion = source.version();
        Serving now = serving.get();
        if (now != null && now.rules().version().equals(source.version())) {
            rejected.set(null);
            return List.of();
        }
        RuleCompiler.Result result = RuleCompiler.compile(source);
        if (result instanceof RuleCompiler.Rejected r) {
            return reject(source, r.problems());
        }
        RuleSet rules = ((RuleCompiler.Compiled) result).ruleSet();
        versions.remember(source);
        serving.set(new Serving(rules, Instant.now(), folder.toString()));
        rejected.set(null);
        log.info("Rule book {} is serving: {} rules from {} files in {}", rules.version(), rules.ruleCount(),
                source.files().size(), folder.toAbsolutePath());
        return List.of();
    }

    /** Polls the folder; cheap when nothing changed (the files are hashed, not compiled). */
    @Scheduled(fixedDelayString = "${carepath.rules.poll-interval}", initialDelayString = "${carepath.rules.poll-interval}")
    void watch() {
        try {
            String version = RuleSource.read(folder).version();
            if (!version.equals(lastSeenVersion)) {
                reload();
            }
        } catch (RuntimeException e) {
            log.warn("Cannot read the rules folder {}: {}", folder.toAbsolutePath(), e.getMessage());
        }
    }

    public RuleBookStatus status() {
        Serving now = serving.get();
        if (now == null) {
            return new RuleBookStatus(null, null, null, List.of(), 0, rejected.get());
        }
        List<RuleBookStatus.FileEntry> files = now.rules().source().files().stream()
                .map(f -> new RuleBookStatus.FileEntry(f.name(), "sha256:" + f.sha256())).toList();
        return new RuleBookStatus(now.rules().version(), now.since(), now.origin(), files,
                now.rules().ruleCount(), rejected.get());
    }

    private List<RuleProblem> reject(RuleSource source, List<RuleProblem> problems) {
        rejected.set(new RuleBookStatus.Rejection(source.version(), Instant.now(), problems));
        Serving now = serving.get();
        log.error("Rules in {} rejected ({} still serving):", folder.toAbsolutePath(),
                now == null ? "no rule book" : now.rules().version());
        problems.forEach(p -> log.error("  {}", p.describe()));
        return problems;
    }

    private void fallBackOnLastServedVersion() {
        versions.latest().ifPresent(source -> {
            if (RuleCompiler.compile(source) instanceof RuleCompiler.Compiled compiled) {
                serving.set(new Serving(compiled.ruleSet(), Instant.now(), "database (last version that served)"));
                log.warn("Serving the last good rule book {} from the database until {} compiles",
                        source.version(), folder.toAbsolutePath());
            }
        });
    }
}
