// SPDX-License-Identifier: GPL-2.0
/* Choosing the data plane: `dataplane auto|kernel|user`. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "dataplane.h"
#include "log.h"
#include "registry.h"

static int open_on(struct nl_dataplane *dp, const struct nl_dataplane_ops *ops,
		   struct nl_registry *reg, const struct nl_config *c, bool noqueue)
{
	int err;

	memset(dp, 0, sizeof(*dp));
	dp->fd = -1;
	dp->noqueue = noqueue;
	dp->loop = reg->loop;
	dp->reg = reg;
	dp->ops = ops;
	err = ops->create(dp, c->ifname, c->unit);
	if (err < 0)
		dp->ops = NULL;
	return err;
}

int nl_dataplane_open(struct nl_dataplane *dp, struct nl_registry *reg,
		      const struct nl_config *c, bool tty, bool pppoe)
{
	/* @tty: the link can run in the kernel (a tty, or a PPPoE session). */
	int err;

	switch (c->dataplane) {
	case NL_DP_KERNEL:
		if (!nl_dp_kernel_available()) {
			nl_err("dataplane kernel: the nlppp kernel module is not loaded "
			       "(modprobe nlppp, or use 'dataplane user')");
			return -ENOENT;
		}
		if (!tty) {
			nl_err("dataplane kernel: the link is neither a tty nor a PPPoE "
			       "session, so nlppp cannot carry it (use 'dataplane user')");
			return -ENOTTY;
		}
		return open_on(dp, &nl_dp_kernel_ops, reg, c, pppoe);
	case NL_DP_AUTO:
		if (tty && nl_dp_kernel_available()) {
			err = open_on(dp, &nl_dp_kernel_ops, reg, c, pppoe);
			if (err == 0) {
				nl_info("dataplane auto: using the kernel data plane (nlppp)");
				return 0;
			}
			/* The interface gave its session frames to the kernel. */
			if (pppoe) {
				nl_err("dataplane auto: kernel data plane failed for the PPPoE "
				       "session (%s)", strerror(-err));
				return err;
			}
			nl_warn("dataplane auto: kernel data plane failed (%s), "
				"falling back to user space", strerror(-err));
		} else {
			nl_info("dataplane auto: %s, using the user-space data plane",
				tty ? "nlppp module not loaded" :
				"link is neither a tty nor PPPoE");
		}
		break;
	case NL_DP_USER:
		break;
	}
	return open_on(dp, &nl_dp_user_ops, reg, c, pppoe);
}

bool nl_dataplane_pppoe_kernel(const struct nl_config *c)
{
	return c->dataplane == NL_DP_KERNEL ||
	       (c->dataplane == NL_DP_AUTO && nl_dp_kernel_available());
}
