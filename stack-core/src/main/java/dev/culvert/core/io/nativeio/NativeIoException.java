package dev.culvert.core.io.nativeio;

import java.io.IOException;

/** A libc call failed; carries the errno so callers can turn it into an operator's message. */
public final class NativeIoException extends IOException {
    private final int errno;

    public NativeIoException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The failure of {@code operation} with the current errno, described by libc. */
    public static NativeIoException last(String operation) {
        int errno = Native.errno();
        return new NativeIoException(operation + ": " + Native.describe(errno), errno);
    }

    public int errno() {
        return errno;
    }
}
