package com.webriskops.webhooks.samples;

/** Wrong usage of a command: the command line exits 2 with this one-line reason. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String reason) {
        super(reason);
    }
}
