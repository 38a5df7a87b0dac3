package io.cial.knowledge.impl;

import io.cial.knowledge.api.SkillEntry;
import io.cial.knowledge.api.SkillsService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The skills catalog of the workspace ({@code project}) and the engine HOME ({@code user}). Each call walks both
 * {@code .claude} folders on a worker and re-reads only the files whose modification time or size changed since the
 * last call, so the catalog follows the disk without a restart and without a watcher thread.
 */
public final class SkillsCatalog implements SkillsService {

    /** A file bigger than this is listed with a warning instead of being parsed. */
    static final long MAX_PARSED_BYTES = 1024 * 1024;

    private static final Comparator<SkillEntry> ORDER = Comparator.comparing(SkillEntry::kind)
            .thenComparing(SkillEntry::name, SkillsCatalog::byCodePoint)
            .thenComparing(entry -> entry.source().equals(SkillEntry.PROJECT) ? 0 : 1)
            .thenComparing(SkillEntry::path, SkillsCatalog::byCodePoint);

    private record Parsed(long modified, long size, SkillEntry entry) {}

    private final Vertx vertx;
    private final Path workspace;
    private final Path engineHome;
    private final Map<Path, Parsed> cache = new ConcurrentHashMap<>();

    public SkillsCatalog(Vertx vertx, Path workspace, Path engineHome) {
        this.vertx = vertx;
        this.workspace = workspace;
        this.engineHome = engineHome;
    }

    @Override
    public Future<List<SkillEntry>> list() {
        return vertx.executeBlocking(this::scan);
    }

    private List<SkillEntry> scan() {
        List<SkillFile> files = new ArrayList<>(SkillScanner.scan(workspace, SkillEntry.PROJECT));
        if (!engineHome.equals(workspace)) {
            files.addAll(SkillScanner.scan(engineHome, SkillEntry.USER));
        }
        Set<Path> seen = new HashSet<>();
        List<SkillEntry> entries = new ArrayList<>();
        for (SkillFile file : files) {
            seen.add(file.file());
            entries.add(read(file));
        }
        cache.keySet().retainAll(seen);
        return arrange(entries);
    }

    private SkillEntry read(SkillFile file) {
        Parsed cached = cache.get(file.file());
        if (cached != null && cached.modified() == file.modified() && cached.size() == file.size()) {
            return cached.entry();
        }
        SkillEntry entry = parse(file);
        cache.put(file.file(), new Parsed(file.modified(), file.size(), entry));
        return entry;
    }

    private static SkillEntry parse(SkillFile file) {
        if (file.size() > MAX_PARSED_BYTES) {
            return SkillParser.unreadable(file, "the file is larger than " + MAX_PARSED_BYTES + " bytes; not parsed");
        }
        try {
            return SkillParser.parse(file, Files.readAllBytes(file.file()));
        } catch (IOException e) {
            return SkillParser.unreadable(file, "the file could not be read");
        }
    }

    /** Marks what invoking a name would not run, then sorts. */
    static List<SkillEntry> arrange(List<SkillEntry> entries) {
        Set<String> skills = new HashSet<>();
        Set<String> userNames = new HashSet<>();
        for (SkillEntry entry : entries) {
            if (entry.kind().equals(SkillEntry.SKILL)) {
                skills.add(entry.name());
            }
            if (entry.source().equals(SkillEntry.USER)) {
                userNames.add(entry.kind() + ":" + entry.name());
            }
        }
        return entries.stream()
                .map(entry -> entry.withShadowed(shadowed(entry, skills, userNames)))
                .sorted(ORDER)
                .toList();
    }

    /** A skill wins over a command of the same name; a user-level entry over a project one of the same kind. */
    private static boolean shadowed(SkillEntry entry, Set<String> skills, Set<String> userNames) {
        if (entry.kind().equals(SkillEntry.COMMAND) && skills.contains(entry.name())) {
            return true;
        }
        return entry.source().equals(SkillEntry.PROJECT) && userNames.contains(entry.kind() + ":" + entry.name());
    }

    /** Unicode code-point order, unlike String.compareTo's UTF-16 order for characters beyond the BMP. */
    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
