package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Values a command reads from stdin or files: secrets kept off the command line, long texts. */
final class Input {

    private Input() {}

    /** {@code value}, or stdin when it is {@code -}; null stays null. */
    static String valueOrStdin(CialCli root, String value, String what) {
        return "-".equals(value) ? stdin(root, what) : value;
    }

    /** All of stdin, with the trailing line break a shell adds removed; empty stdin is a usage error. */
    static String stdin(CialCli root, String what) {
        try {
            String text = new String(root.stdin().readAllBytes(), StandardCharsets.UTF_8);
            String value = text.endsWith("\r\n")
                    ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (value.isEmpty()) {
                throw CliException.usage("%s: stdin is empty", what);
            }
            return value;
        } catch (IOException e) {
            throw CliException.usage("%s: cannot read stdin: %s", what, e.getMessage());
        }
    }

    /** {@code @FILE} reads the file, {@code -} reads stdin, anything else is the text itself. */
    static String textArg(CialCli root, String value, String what) {
        if (value == null || !value.startsWith("@")) {
            return valueOrStdin(root, value, what);
        }
        Path file = Path.of(value.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("%s: cannot read %s: %s", what, file, e.getMessage());
        }
    }

    /** A file the command will send: it must exist and be readable. */
    static Path readableFile(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage("%s: no such readable file", path);
        }
        return file;
    }
}
