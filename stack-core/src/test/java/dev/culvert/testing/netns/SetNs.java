package dev.culvert.testing.netns;

import jnr.ffi.LibraryLoader;

/** setns(2) for the harness: moves the calling thread, and only it, into a network namespace. */
public interface SetNs {
    int CLONE_NEWNET = 0x40000000;
    int O_RDONLY_CLOEXEC = 0x80000;

    int open(String path, int flags);

    int setns(int fd, int nstype);

    int close(int fd);

    static SetNs load() {
        return LibraryLoader.create(SetNs.class).failImmediately().load("c");
    }
}
