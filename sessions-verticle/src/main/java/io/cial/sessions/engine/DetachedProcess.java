package io.cial.sessions.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an engine detached from the server: through {@code setsid}, so it leads its own session and process group and
 * outlives a server restart; through {@code nice} when it is to yield the CPU to the server; stdin from a prompt file
 * (so a prompt is never an argument, and one starting with "-" is safe); stdout and stderr appended to the turn's log
 * file, which the server tails. The launch's private files (its MCP config, which holds secrets) are written readable
 * by the owner only. Blocking: call on a worker.
 */
public final class DetachedProcess {

    private static final String SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid";
    private static final String NICE = Files.isExecutable(Path.of("/usr/bin/nice")) ? "/usr/bin/nice" : "nice";

    private DetachedProcess() {}

    /** A started engine: its identity, and the {@link Process} for exit notification while this JVM runs. */
    public record Started(ProcessIdentity identity, Process process) {}

    /**
     * @param niceness added to the engine's CPU niceness (0: none); {@code setsid} and {@code nice} both exec, so the
     *     started pid is the engine's own
     */
    public static Started start(EngineLaunch launch, String prompt, Path promptFile, Path logFile, int niceness)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(promptFile, prompt, StandardCharsets.UTF_8);
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
        }
        Files.createDirectories(launch.workDir());
        for (EngineLaunch.LaunchFile file : launch.files()) {
            writePrivate(file.path(), file.content());
        }
        List<String> command = new ArrayList<>();
        command.add(SETSID);
        if (niceness > 0) {
            command.addAll(List.of(NICE, "-n", Integer.toString(niceness)));
        }
        command.addAll(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workDir().toFile())
                .redirectInput(promptFile.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        Process process = builder.start();
        ProcessIdentity identity = ProcessIdentity.of(process.pid()).orElse(new ProcessIdentity(process.pid(), -1));
        return new Started(identity, process);
    }

    /** Creates the file with mode rw------- before any byte is written, replacing a leftover of the same name. */
    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
