package io.parley.api;

import io.parley.http.RequestRefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.Optional;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A byte range of a file, streamed as a response body without reading it into memory. */
final class WavBody {

    private WavBody() {
    }

    /**
     * The file as an {@code audio/wav} response: whole, or the single {@code Range} asked for (206), or 416 for a
     * range past its end; 404 (naming {@code what}) when the file has gone.
     */
    static Response serve(Path file, String range, String filename, String what) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new RequestRefusedException(404, what + " is no longer on disk");
        }
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, length);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + length).header("Accept-Ranges", "bytes")
                    .type(MediaType.TEXT_PLAIN).entity("The range is past the end of the file (" + length + " bytes)")
                    .build();
        }
        ByteRange served = part.orElse(new ByteRange(0, length - 1));
        Response.ResponseBuilder response = part.isPresent()
                ? Response.status(206).header("Content-Range", served.contentRange(length)) : Response.ok();
        return response.entity(of(file, served)).type("audio/wav").header("Accept-Ranges", "bytes")
                .header("Content-Length", served.length())
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    static StreamingOutput of(Path file, ByteRange range) {
        return out -> {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                WritableByteChannel target = Channels.newChannel(out);
                long position = range.first();
                long remaining = range.length();
                while (remaining > 0) {
                    long sent = in.transferTo(position, remaining, target);
                    if (sent <= 0) {
                        throw new IOException("the recording ended early (it was deleted or cut while being sent)");
                    }
                    position += sent;
                    remaining -= sent;
                }
            }
        };
    }
}
