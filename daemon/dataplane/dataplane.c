// SPDX-License-Identifier: GPL-2.0
/* Choosing the data plane: `dataplane auto|kernel|user`. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "dataplane.h"
#include "log.h"

static int open_on(struct nl_dataplane *dp, const struct nl_dataplane_ops *ops,
		   const struct nl_config *c, int fd)
{
	void (*on_frame)(void *, uint16_t, const uint8_t *, size_t) = dp->on_frame;
	void (*on_down)(void *, int) = dp->on_down;
	void *cb_ctx = dp->cb_ctx;
	int err;

	memset(dp, 0, sizeof(*dp));
	dp->fd = -1;
	dp->on_frame = on_frame;
	dp->on_down = on_down;
	dp->cb_ctx = cb_ctx;
	dp->ops = ops;
	err = ops->create(dp, c->ifname, c->unit);
	if (err < 0) {
		dp->ops = NULL;
		return err;
	}
	if (ops->link_open) {
		err = ops->link_open(dp, fd);
		if (err < 0) {
			ops->destroy(dp);
			dp->ops = NULL;
			return err;
		}
	}
	return 0;
}

int nl_dataplane_open(struct nl_dataplane *dp, const struct nl_config *c, int fd)
{
	int err;

	switch (c->dataplane) {
	case NL_DP_KERNEL:
		if (!nl_dp_kernel_available()) {
			nl_err("dataplane kernel: the nlppp kernel module is not loaded "
			       "(modprobe nlppp, or use 'dataplane user')");
			return -ENOENT;
		}
		if (!isatty(fd)) {
			nl_err("dataplane kernel: the link is not a tty, so the nlppp "
			       "line discipline cannot run on it (use 'dataplane user')");
			return -ENOTTY;
		}
		return open_on(dp, &nl_dp_kernel_ops, c, fd);
	case NL_DP_AUTO:
		if (nl_dp_kernel_available() && isatty(fd)) {
			err = open_on(dp, &nl_dp_kernel_ops, c, fd);
			if (err == 0) {
				nl_info("dataplane auto: using the kernel data plane (nlppp)");
				return 0;
			}
			nl_warn("dataplane auto: kernel data plane failed (%s), "
				"falling back to user space", strerror(-err));
		} else {
			nl_info("dataplane auto: %s, using the user-space data plane",
				isatty(fd) ? "nlppp module not loaded" : "link is not a tty");
		}
		break;
	case NL_DP_USER:
		break;
	}
	return open_on(dp, &nl_dp_user_ops, c, fd);
}
