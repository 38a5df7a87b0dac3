package io.cial.knowledge.impl;

import java.nio.file.Path;

/**
 * A candidate file of the skills catalog, as found on disk.
 *
 * @param kind {@code skill} or {@code command}
 * @param defaultName the name from the path: a skill's folder, a command's path with ':' between folders
 * @param file where it is
 * @param path relative to the source's root, '/'-separated
 * @param modified the modification time in nanoseconds since the epoch, with {@code size} telling a changed file
 */
record SkillFile(String kind, String source, String defaultName, Path file, String path, long modified, long size) {}
