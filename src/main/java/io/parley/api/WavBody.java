package io.parley.api;

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
