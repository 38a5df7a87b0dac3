package io.cial.selfedit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-class project the tests deploy for real: its build command compiles it with javac and puts the result where
 * the self-edit area expects the instance's fat jar (the area copies whatever file is there, so the class file stands
 * in for the jar and spares a second JVM start), and it ships a built web UI.
 */
final class FixtureTree {

    static final String BUILD_COMMAND = "echo x >> builds.count && echo building the fixture"
            + " && mkdir -p out gateway/target && javac -d out src/*.java"
            + " && cp out/Hello.class gateway/target/cial.jar && echo fixture built";

    /** A build that only shells out (no JVM start), for tests about what happens around a build, not the build. */
    static final String QUICK_BUILD_COMMAND = "echo x >> builds.count && echo building the fixture && sleep 0.3"
            + " && mkdir -p gateway/target && printf jar > gateway/target/cial.jar && echo fixture built";

    private FixtureTree() {}

    static void good(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(
                tree.resolve("src/Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }\n");
        Files.createDirectories(tree.resolve("ui/dist"));
        Files.writeString(tree.resolve("ui/dist/index.html"), "<!doctype html><title>fixture ui</title>\n");
    }

    static void broken(Path tree) throws IOException {
        good(tree);
        Files.writeString(tree.resolve("src/Broken.java"), "public class Broken {\n    int x = 1\n}\n");
    }

    static long buildCount(Path tree) throws IOException {
        Path count = tree.resolve("builds.count");
        return Files.exists(count) ? Files.readAllLines(count).size() : 0;
    }
}
