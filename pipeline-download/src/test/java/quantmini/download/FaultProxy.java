package quantmini.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of an S3 server that spoils chosen responses: 503 SlowDown,
 * 500 InternalError, a reset connection, a body cut short (the full Content-Length announced,
 * part of the body sent, then the connection closed) and a stall. The plan decides per request,
 * given the request path and how many requests for that path came before.
 *
 * <p>One request per connection: the request goes upstream with {@code Connection: close} and
 * otherwise unchanged (the Host header too, so the SigV4 signature still holds), and the client
 * connection closes after the response.
 */
public final class FaultProxy implements AutoCloseable {

    /** What to do with one request. */
    public enum Fault { NONE, SLOW_DOWN_503, INTERNAL_ERROR_500, RESET, TRUNCATE, STALL }

    /** Chooses the fault for the {@code attempt}-th request (1-based) of a method and path. */
    @FunctionalInterface
    public interface Plan {
        Fault faultFor(String method, String path, int attempt);
    }

    private final ServerSocket server;
    private final int upstreamPort;
    private volatile Plan plan;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> attemptsByRequest = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public FaultProxy(int upstreamPort, Plan plan) throws IOException {
        this.upstreamPort = upstreamPort;
        this.plan = plan;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public void setPlan(Plan newPlan) {
        plan = newPlan;
        attemptsByRequest.clear();
        log.clear();
    }

    /** "METHOD path -> FAULT" for each request seen since the last plan change. */
    public List<String> log() {
        return List.copyOf(log);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            String[] requestLine = headText.substring(0, headText.indexOf("\r\n")).split(" ");
            String method = requestLine[0];
            String path = requestLine[1];
            byte[] body = in.readNBytes((int) contentLength(headText));
            String requestKey = method + " " + path.split("\\?")[0];
            int attempt = attemptsByRequest.computeIfAbsent(requestKey, k -> new AtomicInteger()).incrementAndGet();
            Fault fault = plan.faultFor(method, path, attempt);
            log.add(requestKey + " -> " + fault);
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case SLOW_DOWN_503:
                    writeError(out, 503, "Slow Down", "SlowDown", "Please reduce your request rate.");
                    return;
                case INTERNAL_ERROR_500:
                    writeError(out, 500, "Internal Server Error", "InternalError", "We encountered an internal error.");
                    return;
                case RESET:
                    client.setSoLinger(true, 0); // close() now sends RST instead of FIN
                    return;
                default:
                    break;
            }
            byte[] response = forward(withConnectionClose(headText), body);
            int split = indexOfHeadEnd(response);
            if (fault == Fault.NONE || split < 0) {
                out.write(response);
                out.flush();
                return;
            }
            int bodyLength = response.length - split;
            out.write(response, 0, split);
            out.write(response, split, bodyLength / 2);
            out.flush();
            if (fault == Fault.STALL) {
                // hold the connection open, silent, until the client gives up or the proxy closes
                while (!client.isClosed() && client.getInputStream().read() >= 0) {
                    // a well-behaved client sends nothing more; wait for it to go away
                }
            }
            // TRUNCATE: a plain close (FIN) with the announced length not reached
        } catch (IOException e) {
            // the client went away; nothing to do
        } finally {
            open.remove(client);
        }
    }

    private byte[] forward(String head, byte[] body) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            OutputStream out = upstream.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return upstream.getInputStream().readAllBytes();
        }
    }

    private static String withConnectionClose(String head) {
        StringBuilder rebuilt = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                continue;
            }
            rebuilt.append(line).append("\r\n");
        }
        return rebuilt.append("Connection: close\r\n\r\n").toString();
    }

    private static void writeError(OutputStream out, int status, String text, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + text + "\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The request head up to and including the blank line; null when the client sent nothing. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    private static int indexOfHeadEnd(byte[] response) {
        for (int i = 0; i + 3 < response.length; i++) {
            if (response[i] == '\r' && response[i + 1] == '\n' && response[i + 2] == '\r' && response[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (SocketException e) {
                // already closed
            }
        }
        threads.shutdownNow();
    }
}
