package io.parley.store;

/** A database failure in a line of plain words: the innermost cause's first line. */
final class WriteFailures {

    private WriteFailures() {
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
