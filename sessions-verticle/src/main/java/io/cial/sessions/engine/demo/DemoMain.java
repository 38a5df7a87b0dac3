package io.cial.sessions.engine.demo;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The offline demo engine, run as its own process like the Claude Code CLI and with the same interface: the prompt on
 * stdin, {@code --session-id ID} to start a conversation or {@code --resume ID} to continue one, an optional {@code
 * --model}, and stream-json on stdout. It answers every prompt with a short streamed text, one real Bash tool round
 * trip ({@code echo}), and a closing text; a prompt containing "slow" gets a long closing text, for cancel tests.
 * Conversations are remembered under {@code $HOME/.cial-demo/}, so resuming an unknown id fails as it does in the CLI.
 *
 * <p>Env {@value #ENV_DELAY}: the pause between text deltas in ms (default 60). For benchmarks: env {@value
 * #ENV_TIMESTAMPS} = {@code 1} makes every line carry the wall-clock time it was written; env {@value #ENV_GATE}
 * names a file the engine waits for (at most {@value #GATE_WAIT_SECONDS} s) after its init line, so that many
 * engines started together begin streaming together.
 */
public final class DemoMain {

    public static final String ENV_DELAY = "CIAL_DEMO_DELAY_MS";
    public static final String ENV_TIMESTAMPS = "CIAL_DEMO_TIMESTAMPS";
    public static final String ENV_GATE = "CIAL_DEMO_GATE";
    /** Every environment variable with this prefix is handed to the demo engine. */
    public static final String ENV_PREFIX = "CIAL_DEMO_";

    static final long GATE_WAIT_SECONDS = 300;
    /** Slow enough that a hundred waiting engines cost nothing, fast enough that they start within a frame or two. */
    static final long GATE_POLL_MS = 20;

    public static final String MODEL = "demo";

    private static final int SLOW_SENTENCES = 40;
    private static final int EXCERPT_CHARS = 80;

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        String sessionId = arg(args, "--session-id");
        String resumeId = arg(args, "--resume");
        String model = arg(args, "--model") == null ? MODEL : arg(args, "--model");
        String id = resumeId != null ? resumeId : sessionId;
        if (id == null) {
            System.err.println("Error: --session-id or --resume is required");
            System.exit(1);
        }
        String prompt = readAll(System.in).strip();
        if (prompt.isEmpty()) {
            System.err.println("Error: Input must be provided through stdin");
            System.exit(1);
        }
        Path transcript = Path.of(System.getProperty("user.home"), ".cial-demo", id + ".txt");
        int turn = checkTranscript(transcript, resumeId != null, id);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        DemoStream stream = new DemoStream(out, id, model, delay(), "1".equals(System.getenv(ENV_TIMESTAMPS)));
        Runtime.getRuntime().addShutdownHook(new Thread(stream::abort));
        record(transcript, prompt);
        run(stream, prompt, turn);
        System.exit(0);
    }

    private static void run(DemoStream stream, String prompt, int turn) throws Exception {
        stream.init(Path.of("").toAbsolutePath().toString());
        awaitGate();
        String command = "echo hello from the demo tool";
        stream.message(
                "This is the offline demo engine (turn " + turn + " of this conversation). You said: \""
                        + excerpt(prompt) + "\". Let me run a command.",
                "toolu_demo_1",
                command);
        ToolRun tool = runTool(command);
        stream.toolResult("toolu_demo_1", tool.output(), tool.failed());
        String closing = closing(prompt, tool.output());
        stream.message(closing, null, null);
        stream.result(closing, 2, false, "success");
        stream.close();
    }

    private static String closing(String prompt, String toolOutput) {
        StringBuilder text = new StringBuilder("The command printed: " + toolOutput.strip() + ". ");
        if (prompt.toLowerCase().contains("slow")) {
            for (int i = 1; i <= SLOW_SENTENCES; i++) {
                text.append("Slow sentence ")
                        .append(i)
                        .append(" of ")
                        .append(SLOW_SENTENCES)
                        .append(". ");
            }
        }
        return text.append("The demo engine needs no model account; choose the claude provider for a real model.")
                .toString();
    }

    private record ToolRun(String output, boolean failed) {}

    private static ToolRun runTool(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output = readAll(process.getInputStream());
        return new ToolRun(output.strip(), process.waitFor() != 0);
    }

    /** @return the number of this turn in the conversation; exits like the CLI on a bad id */
    private static int checkTranscript(Path transcript, boolean resume, String id) throws IOException {
        boolean exists = Files.exists(transcript);
        if (resume && !exists) {
            System.err.println("Error: No conversation found with session ID: " + id);
            System.exit(1);
        }
        if (!resume && exists) {
            System.err.println("Error: Session ID " + id + " is already in use.");
            System.exit(1);
        }
        return exists ? Files.readAllLines(transcript).size() + 1 : 1;
    }

    private static void record(Path transcript, String prompt) throws IOException {
        Files.createDirectories(transcript.getParent());
        Files.writeString(
                transcript, prompt.replace('\n', ' ') + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String excerpt(String prompt) {
        String flat = prompt.replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "…";
    }

    private static void awaitGate() throws InterruptedException {
        String gate = System.getenv(ENV_GATE);
        if (gate == null || gate.isBlank()) {
            return;
        }
        long deadline = System.nanoTime() + GATE_WAIT_SECONDS * 1_000_000_000L;
        while (!Files.exists(Path.of(gate)) && System.nanoTime() < deadline) {
            Thread.sleep(GATE_POLL_MS);
        }
    }

    private static long delay() {
        String raw = System.getenv(ENV_DELAY);
        try {
            return raw == null ? 60 : Math.max(0, Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    private static String arg(String[] args, String name) {
        List<String> list = List.of(args);
        int i = list.indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
