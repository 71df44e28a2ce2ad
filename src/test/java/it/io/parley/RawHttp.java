package it.io.parley;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand, for requests a well-behaved client cannot make: a body that goes on and on. It keeps writing
 * the body until the server answers or the connection breaks, then reads the answer.
 */
public final class RawHttp {

    /** What came back: the status and the body, and how many body bytes were written before it did. */
    public record Answer(int status, String head, String body, long bytesWritten) {
    }

    private RawHttp() {
    }

    /**
     * @param headers  extra header lines, each ending in CRLF
     * @param chunked  whether the body is sent chunked (no length); else with {@code Content-Length: totalBytes}
     */
    public static Answer post(String server, String path, String headers, long totalBytes, boolean chunked)
            throws IOException {
        URI uri = URI.create(server);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n" + headers
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + totalBytes + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            block[0] = '{';
            long written = 0;
            try {
                while (written < totalBytes && in.available() == 0) {
                    int n = (int) Math.min(block.length, totalBytes - written);
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block, 0, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    written += n;
                    block[0] = ' ';
                }
                if (chunked && written >= totalBytes) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // the server stopped reading and closed: its answer should be waiting
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    int end = text.indexOf("\r\n\r\n");
                    if (end > 0 && complete(text, end)) {
                        break;
                    }
                }
            } catch (IOException e) {
                // a reset after the answer
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no HTTP answer after " + written + " bytes: '" + text + "'");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text.substring(0, end), text.substring(end + 4), written);
        }
    }

    /** A GET with the request target exactly as given, escapes and all (the JDK's client would refuse some). */
    public static Answer get(String server, String rawTarget, String headers) throws IOException {
        URI uri = URI.create(server);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET " + rawTarget + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4), 0);
        }
    }

    private static boolean complete(String text, int headEnd) {
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return head.contains("transfer-encoding: chunked") ? text.endsWith("0\r\n\r\n") : false;
        }
        int length = Integer.parseInt(head.substring(at + 15, head.indexOf('\r', at) < 0 ? head.length()
                : head.indexOf('\r', at)).strip());
        return text.length() - headEnd - 4 >= length;
    }
}
