package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;

/**
 * Users, groups and the process's own identity: name lookups through {@code getpwnam_r} and
 * {@code getgrnam_r} (the reentrant forms: the plain ones return static storage another thread
 * may overwrite), and the {@code set*id} calls. glibc applies {@code setgroups}, {@code setgid}
 * and {@code setuid} to every thread of the process, the JVM's included.
 *
 * <p>Struct layouts, LP64 (x86-64 and aarch64; glibc and musl agree):
 * <pre>
 * struct passwd { char *pw_name; @0   char *pw_passwd; @8   uid_t pw_uid; @16   gid_t pw_gid; @20
 *                 char *pw_gecos; @24 char *pw_dir; @32     char *pw_shell; @40 }   48 bytes
 * struct group  { char *gr_name; @0   char *gr_passwd; @8   gid_t gr_gid; @16
 *                 char **gr_mem; @24 }                                              32 bytes
 * </pre>
 * {@code uid_t} and {@code gid_t} are 32-bit unsigned; they are held in Java ints.
 */
public final class Accounts {
    private static final int PASSWD_SIZE = 48;
    private static final int PW_UID = 16;
    private static final int PW_GID = 20;
    private static final int GROUP_SIZE = 32;
    private static final int GR_GID = 16;
    private static final int ERANGE = 34;
    private static final int ESRCH = 3;
    private static final int FIRST_BUFFER = 4096;
    /** A group with thousands of members needs a large buffer; beyond this something is wrong. */
    private static final int LAST_BUFFER = 1 << 22;

    /** A user's ids from the password database. */
    public record User(String name, int uid, int gid) {
    }

    private Accounts() {
    }

    /** The user called {@code name}, or null if there is none. */
    public static User user(String name) throws NativeIoException {
        ByteBuffer passwd = Native.struct(PASSWD_SIZE);
        return lookup("getpwnam_r('" + name + "')", passwd, (buf, length, result) ->
                Native.libc().getpwnam_r(name, Native.address(passwd), buf, length, result))
                ? new User(name, passwd.getInt(PW_UID), passwd.getInt(PW_GID)) : null;
    }

    /** The id of the group called {@code name}, or null if there is none. */
    public static Integer groupId(String name) throws NativeIoException {
        ByteBuffer group = Native.struct(GROUP_SIZE);
        return lookup("getgrnam_r('" + name + "')", group, (buf, length, result) ->
                Native.libc().getgrnam_r(name, Native.address(group), buf, length, result))
                ? group.getInt(GR_GID) : null;
    }

    private interface ReentrantLookup {
        int call(long buf, long length, long resultPtr);
    }

    /** Runs a *_r lookup, growing its string buffer on ERANGE; true if the entry was found. */
    private static boolean lookup(String what, ByteBuffer struct, ReentrantLookup lookup) throws NativeIoException {
        ByteBuffer resultPtr = Native.struct(Long.BYTES);
        for (int size = FIRST_BUFFER; size <= LAST_BUFFER; size *= 2) {
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            int error = lookup.call(Native.address(buf), size, Native.address(resultPtr));
            if (error == ERANGE) {
                continue;
            }
            if (error == 0) {
                return resultPtr.getLong(0) != 0;
            }
            // getpwnam_r(3): these mean "not found" on some systems.
            if (error == Errno.ENOENT || error == ESRCH || error == Errno.EBADF || error == Errno.EPERM) {
                return false;
            }
            throw new NativeIoException(what + ": " + Native.describe(error), error);
        }
        throw new NativeIoException(what + ": the entry is larger than " + LAST_BUFFER + " bytes", ERANGE);
    }

    public static int uid() {
        return Native.libc().getuid();
    }

    public static int effectiveUid() {
        return Native.libc().geteuid();
    }

    public static int gid() {
        return Native.libc().getgid();
    }

    public static int effectiveGid() {
        return Native.libc().getegid();
    }

    /** Makes {@code gid} the only supplementary group. */
    public static void setGroups(int gid) throws NativeIoException {
        ByteBuffer list = Native.struct(Integer.BYTES);
        list.putInt(0, gid);
        if (Native.libc().setgroups(1, Native.address(list)) != 0) {
            throw NativeIoException.last("setgroups([" + Integer.toUnsignedString(gid) + "])");
        }
    }

    public static void setGid(int gid) throws NativeIoException {
        if (Native.libc().setgid(gid) != 0) {
            throw NativeIoException.last("setgid(" + Integer.toUnsignedString(gid) + ")");
        }
    }

    public static void setUid(int uid) throws NativeIoException {
        if (Native.libc().setuid(uid) != 0) {
            throw NativeIoException.last("setuid(" + Integer.toUnsignedString(uid) + ")");
        }
    }

    /** Whether {@code setuid(uid)} succeeds; for checking that a dropped identity cannot be regained. */
    public static boolean trySetUid(int uid) {
        return Native.libc().setuid(uid) == 0;
    }
}
