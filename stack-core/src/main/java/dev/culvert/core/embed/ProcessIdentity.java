package dev.culvert.core.embed;

import dev.culvert.core.io.nativeio.Accounts;
import dev.culvert.core.io.nativeio.ThreadScheduling;
import dev.culvert.core.worker.Workers;
import java.io.IOException;

/**
 * OpenVPN's {@code user} and {@code group}: once a server has opened its TUN device and sockets as
 * root, it gives root up for good.
 *
 * <p>With a group, the process's supplementary groups become just that group and its real,
 * effective and saved group ids become it; with a user, its user ids become the user's. Then the
 * drop is checked: the ids read back as asked, and root cannot be regained.
 *
 * <p>One difference from OpenVPN 2.6: with {@code user} alone, 2.6 changes only the user id and
 * leaves the process in root's group and supplementary groups. Culvert moves it to the user's
 * own (primary) group and drops the supplementary groups, as "not root any more" leads an
 * operator to expect.
 *
 * <p>Asked to change identity while not root, this fails instead of doing nothing, unless the
 * process already is that user and group. Before the drop it raises {@code RLIMIT_RTPRIO} so the
 * data-plane workers can still take the realtime class when they are light.
 */
public final class ProcessIdentity {
    private static final System.Logger LOG = System.getLogger(ProcessIdentity.class.getName());

    private ProcessIdentity() {
    }

    /**
     * Switches the whole process (every thread) to {@code group} and {@code user}; either may be
     * null, both null does nothing.
     *
     * @throws IOException naming what failed and how to fix it: an unknown user or group, not
     *     running as root, or a refused system call
     */
    public static void dropTo(String user, String group) throws IOException {
        if (user == null && group == null) {
            return;
        }
        Accounts.User account = null;
        if (user != null) {
            account = Accounts.user(user);
            if (account == null) {
                throw new IOException("user '" + user + "' does not exist: create it or change the 'user' line");
            }
        }
        Integer groupId = null;
        if (group != null) {
            groupId = Accounts.groupId(group);
            if (groupId == null) {
                throw new IOException("group '" + group + "' does not exist: create it or change the 'group' line");
            }
        }
        int gid = groupId != null ? groupId : account.gid();
        String asked = describe(user, group);
        int euid = Accounts.effectiveUid();
        if (euid != 0) {
            String refusal = refusal(asked, Accounts.uid(), euid, Accounts.gid(), Accounts.effectiveGid(),
                    account == null ? null : account.uid(), gid);
            if (refusal != null) {
                throw new IOException(refusal);
            }
            return;
        }
        keepRealtimeWorkersPossible(asked);
        try {
            Accounts.setGroups(gid);
            Accounts.setGid(gid);
            if (account != null) {
                Accounts.setUid(account.uid());
            }
        } catch (IOException e) {
            throw new IOException("cannot switch to " + asked + ": " + e.getMessage()
                    + " (a container may deny it: it needs CAP_SETUID and CAP_SETGID)", e);
        }
        verify(asked, account, gid);
    }

    /**
     * A worker leaves the realtime class while it is busy and takes it again once light, which an
     * unprivileged process may do only up to its {@code RLIMIT_RTPRIO}: raised here, while the
     * process is still root, so the workers keep that after the drop.
     */
    private static void keepRealtimeWorkersPossible(String asked) {
        if (!Workers.realtimeWanted()) {
            return;
        }
        String problem = ThreadScheduling.allowRealtimeWithoutPrivilege(Workers.REALTIME_PRIORITY);
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, "as " + asked + ", a worker that was busy will stay in the normal scheduling"
                    + " class (" + problem + "); to fix: start the node with LimitRTPRIO=1 (systemd) or 'ulimit -Hr 1',"
                    + " or as root with CAP_SYS_RESOURCE, which raising the hard limit needs");
        }
    }

    /**
     * Why a process that is not root cannot become {@code asked}, or null when it already is it
     * (its real and effective ids are the target's).
     *
     * @param targetUid the user's id, or null when only a group is asked for
     */
    static String refusal(String asked, int uid, int euid, int gid, int egid, Integer targetUid, int targetGid) {
        boolean userMatches = targetUid == null || (uid == targetUid && euid == targetUid);
        boolean groupMatches = gid == targetGid && egid == targetGid;
        if (userMatches && groupMatches) {
            return null;
        }
        return "cannot switch to " + asked + ": this process runs as uid " + Integer.toUnsignedString(euid) + " gid "
                + Integer.toUnsignedString(egid) + ", not root, and only root can change its identity: start Culvert as root"
                + " (it drops to " + asked + " after opening its devices), or remove the 'user'/'group' lines";
    }

    private static void verify(String asked, Accounts.User account, int gid) throws IOException {
        boolean groupSet = Accounts.gid() == gid && Accounts.effectiveGid() == gid;
        boolean userSet = account == null || (Accounts.uid() == account.uid() && Accounts.effectiveUid() == account.uid());
        if (!groupSet || !userSet) {
            throw new IOException("switched to " + asked + " but the process now runs as uid " + Integer.toUnsignedString(Accounts.uid())
                    + "/" + Integer.toUnsignedString(Accounts.effectiveUid()) + " gid " + Integer.toUnsignedString(Accounts.gid())
                    + "/" + Integer.toUnsignedString(Accounts.effectiveGid()) + "; refusing to continue");
        }
        if (account != null && account.uid() != 0 && Accounts.trySetUid(0)) {
            throw new IOException("switched to " + asked + " but the process could become root again; refusing to continue");
        }
    }

    private static String describe(String user, String group) {
        if (user == null) {
            return "group '" + group + "'";
        }
        return group == null ? "user '" + user + "'" : "user '" + user + "' and group '" + group + "'";
    }
}
