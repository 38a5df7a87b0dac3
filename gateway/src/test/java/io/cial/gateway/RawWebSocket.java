package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client on a bare TCP socket that completes the handshake and then only reads: it never answers a ping,
 * as a client whose network went away would not. For tests of the server's dead-client detection.
 */
final class RawWebSocket implements AutoCloseable {

    /** One frame as read: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        static final int CLOSE = 0x8;
        static final int PING = 0x9;

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and upgrades; fails the test unless the server answers 101. */
    static RawWebSocket connect(int port, int readTimeoutMs) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMs);
        String key = Base64.getEncoder().encodeToString("cial-test-key-16".getBytes(StandardCharsets.US_ASCII));
        String request = "GET /.cial/api/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        RawWebSocket ws = new RawWebSocket(socket);
        assertThat(ws.readHead()).startsWith("HTTP/1.1 101");
        return ws;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads frames until the server closes the connection; a read timeout fails with SocketTimeoutException. */
    List<Frame> readUntilClosed() throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            int first;
            try {
                first = in.readUnsignedByte();
            } catch (EOFException e) {
                return frames;
            }
            frames.add(new Frame(first & 0x0f, payload(in.readUnsignedByte() & 0x7f)));
        }
    }

    private byte[] payload(int length) throws IOException {
        long size = length;
        if (length == 126) {
            size = in.readUnsignedShort();
        } else if (length == 127) {
            size = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(size)];
        in.readFully(payload);
        return payload;
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
