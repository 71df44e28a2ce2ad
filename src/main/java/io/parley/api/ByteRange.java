package io.parley.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110, section 14): {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffixLength}. Several ranges, other units and malformed headers are
 * ignored, as the RFC allows: the whole file is served.
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** Thrown for a range that lies wholly past the end of the file: 416. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /**
     * The range of a file of {@code length} bytes the header asks for, clipped to the file; empty for the whole.
     *
     * @throws Unsatisfiable when the range starts past the end (or asks for a suffix of nothing)
     */
    static Optional<ByteRange> parse(String header, long length) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || length == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return Optional.empty(); // not a valid range: ignored
        }
        long last = m.group(2).isEmpty() ? length - 1 : Long.parseLong(m.group(2));
        if (first >= length) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(first, Math.min(last, length - 1)));
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }
}
