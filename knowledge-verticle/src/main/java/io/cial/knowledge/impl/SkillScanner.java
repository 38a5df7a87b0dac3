package io.cial.knowledge.impl;

import io.cial.knowledge.api.SkillEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the skill and command files under one {@code .claude} folder. A skill is exactly {@code
 * skills/<folder>/SKILL.md} (that case, one level deep); every other file in a skill's folder is a resource of it. A
 * command is every {@code *.md} at any depth under {@code commands/}. Links are followed, as Claude Code does, with
 * loops skipped. Blocking: call on a worker.
 */
final class SkillScanner {

    static final String SKILL_FILE = "SKILL.md";
    /** Depth and count bounds, so a runaway tree cannot stall the catalog. */
    static final int MAX_COMMAND_DEPTH = 12;

    static final int MAX_FILES = 5000;

    private SkillScanner() {}

    /**
     * The candidate files of {@code root/.claude}, for the given source.
     *
     * @param root the workspace or the engine HOME
     */
    static List<SkillFile> scan(Path root, String source) {
        List<SkillFile> found = new ArrayList<>();
        Path claude = root.resolve(".claude");
        skills(root, claude.resolve("skills"), source, found);
        commands(root, claude.resolve("commands"), source, found);
        return found;
    }

    private static void skills(Path root, Path skills, String source, List<SkillFile> found) {
        if (!Files.isDirectory(skills)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(skills, Files::isDirectory)) {
            for (Path folder : folders) {
                skillFile(folder)
                        .ifPresent(file -> add(found, root, file, SkillEntry.SKILL, source, folderName(folder)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder's {@code SKILL.md} with that exact case, even on a file system that ignores case. */
    private static Optional<Path> skillFile(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().equals(SKILL_FILE) && Files.isRegularFile(entry)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }

    private static void commands(Path root, Path commands, String source, List<SkillFile> found) {
        if (!Files.isDirectory(commands)) {
            return;
        }
        try {
            Files.walkFileTree(
                    commands, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_COMMAND_DEPTH, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String name = file.getFileName().toString();
                            if (attrs.isRegularFile() && name.endsWith(".md")) {
                                add(found, root, file, SkillEntry.COMMAND, source, commandName(commands, file));
                            }
                            return found.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException failure) {
                            // A link loop or an unreadable entry is left out; the rest of the catalog stands.
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(List<SkillFile> found, Path root, Path file, String kind, String source, String name) {
        if (found.size() >= MAX_FILES) {
            return;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            found.add(new SkillFile(kind, source, name, file, slashed(root.relativize(file)), modified, attrs.size()));
        } catch (IOException e) {
            // Gone between listing and reading: it is simply not in this catalog.
        }
    }

    private static String commandName(Path commands, Path file) {
        String relative = slashed(commands.relativize(file));
        return relative.substring(0, relative.length() - ".md".length()).replace('/', ':');
    }

    private static String folderName(Path folder) {
        return folder.getFileName().toString();
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
