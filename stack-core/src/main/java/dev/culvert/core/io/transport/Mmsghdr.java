package dev.culvert.core.io.transport;

/**
 * The LP64 layout of Linux's {@code struct mmsghdr} (a {@code struct msghdr} and its
 * {@code msg_len}), of {@code struct iovec} and of {@code struct cmsghdr}, as byte offsets: what
 * {@link MessageVector} (receiving) and {@link TrainVector} (sending) lay out in native memory for
 * {@code recvmmsg} and {@code sendmmsg}.
 */
final class Mmsghdr {
    /** Size of one mmsghdr. */
    static final int SIZE = 64;
    static final int NAME = 0;
    static final int NAME_LENGTH = 8;
    static final int IOV = 16;
    static final int IOV_LENGTH = 24;
    static final int CONTROL = 32;
    static final int CONTROL_LENGTH = 40;
    static final int FLAGS = 48;
    static final int MESSAGE_LENGTH = 56;
    /** Size of one iovec (base, length). */
    static final int IOVEC = 16;
    /** Size of a cmsghdr (cmsg_len 8, cmsg_level 4, cmsg_type 4); its data follows. */
    static final int CMSG_HEADER = 16;
    static final int CMSG_LEVEL = 8;
    static final int CMSG_TYPE = 12;
    /** CMSG_SPACE of up to 8 bytes of data: a control message carrying a u16 or an int. */
    static final int CMSG_SPACE_SMALL = 24;

    private Mmsghdr() {
    }
}
