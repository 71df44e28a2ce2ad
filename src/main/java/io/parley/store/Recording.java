package io.parley.store;

/**
 * A call's recording as the database knows it: the WAV's path relative to the recordings folder, its length and
 * its size on disk.
 */
public record Recording(String path, long millis, long bytes) {
}
