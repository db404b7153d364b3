// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space data plane: a TUN device in IFF_TUN|IFF_NO_PI mode, so
 * each read() returns exactly one IPv4 or IPv6 packet and each write()
 * sends one, with no packet-information header in front: the kernel tells
 * the two apart by the version nibble. libppp does the PPP framing.
 *
 * The device is not persistent: closing the fd removes the interface, so
 * a crashed daemon leaves nothing behind. Its link type is set to
 * ARPHRD_PPP so `ip link` shows link/ppp and tools treat it like a kernel
 * ppp interface (which, like this one, gets no automatic IPv6 link-local
 * address: IPV6CP decides it).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>	/* before the linux/ headers: they clash otherwise */
#include <net/if_arp.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dataplane/dataplane.h"
#include "log.h"

/* How far the search for a free pppN goes. */
enum { NL_DP_MAX_UNIT = 1024 };

/* -1 unless @name is "ppp" followed by a plain decimal number. */
static int unit_of(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "ppp", 3) || name[3] < '0' || name[3] > '9')
		return -1;
	if (name[3] == '0' && name[4])
		return -1;	/* "ppp01" is not unit 1 */
	errno = 0;
	n = strtol(name + 3, &end, 10);
	if (errno || *end || n > 0x7fffffff)
		return -1;
	return (int)n;
}

/*
 * Create the TUN device @name on @fd. IFF_TUN_EXCL makes the kernel refuse
 * an existing device instead of attaching us to it: -EBUSY.
 */
static int tun_create(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	/* IFF_TUN_EXCL is bit 15: the field is a short. */
	ifr.ifr_flags = (short)(IFF_TUN | IFF_NO_PI | IFF_TUN_EXCL);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0)
		return -errno;
	return 0;
}

static int user_create(struct nl_dataplane *dp, const char *ifname, int unit)
{
	char name[IFNAMSIZ];
	int fd, err, n;

	dp->ops = &nl_dp_user_ops;
	dp->fd = -1;
	dp->ifname[0] = '\0';
	dp->ifindex = 0;
	dp->unit = -1;

	if (ifname && *ifname) {
		if (strlen(ifname) >= IFNAMSIZ) {
			nl_err("interface name %s is too long (at most %d characters)",
			       ifname, IFNAMSIZ - 1);
			return -EINVAL;
		}
		snprintf(name, sizeof(name), "%s", ifname);
	} else if (unit >= 0) {
		snprintf(name, sizeof(name), "ppp%d", unit);
	} else {
		name[0] = '\0';
	}

	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		nl_err("tun: cannot open /dev/net/tun: %s%s", strerror(errno),
		       errno == ENOENT ? " (is the tun module loaded?)" : "");
		return err;
	}

	if (name[0]) {
		err = if_nametoindex(name) ? -EEXIST : tun_create(fd, name);
		if (err == -EBUSY)
			err = -EEXIST;
		if (err) {
			nl_err("tun: cannot create interface %s: %s", name,
			       err == -EEXIST ? "an interface of that name exists" :
			       strerror(-err));
			goto err_close;
		}
	} else {
		err = -ENOSPC;
		for (n = 0; n < NL_DP_MAX_UNIT; n++) {
			snprintf(name, sizeof(name), "ppp%d", n);
			if (if_nametoindex(name))
				continue;
			err = tun_create(fd, name);
			/* Lost a race for the name: take the next one. */
			if (err == -EBUSY || err == -EEXIST)
				continue;
			break;
		}
		if (err) {
			nl_err("tun: cannot create a pppN interface: %s",
			       err == -ENOSPC ? "ppp0 to ppp1023 all exist" : strerror(-err));
			goto err_close;
		}
	}

	/* Only possible while the interface is down, i.e. now. */
	if (ioctl(fd, TUNSETLINK, (unsigned long)ARPHRD_PPP) < 0)
		nl_dbg("tun %s: cannot set link type ppp: %s", name, strerror(errno));

	dp->ifindex = if_nametoindex(name);
	if (!dp->ifindex) {
		err = -errno;
		nl_err("tun %s: interface vanished after creation: %s", name, strerror(errno));
		goto err_close;
	}
	snprintf(dp->ifname, sizeof(dp->ifname), "%s", name);
	dp->unit = unit_of(name);
	dp->fd = fd;
	nl_dbg("tun %s: created, ifindex %d", dp->ifname, dp->ifindex);
	return 0;

err_close:
	close(fd);
	return err;
}

static void user_destroy(struct nl_dataplane *dp)
{
	if (dp->fd >= 0) {
		nl_dbg("tun %s: destroyed", dp->ifname);
		close(dp->fd);
	}
	dp->fd = -1;
	dp->ifname[0] = '\0';
	dp->ifindex = 0;
	dp->unit = -1;
}

const struct nl_dataplane_ops nl_dp_user_ops = {
	.name = "user",
	.create = user_create,
	.destroy = user_destroy,
};
