// SPDX-License-Identifier: GPL-2.0
/* Choosing the data plane: `dataplane auto|kernel|user`. */
#include <errno.h>
#include <string.h>

#include "config.h"
#include "dataplane.h"
#include "log.h"

int nl_dataplane_open(struct nl_dataplane *dp, const struct nl_config *c)
{
	const struct nl_dataplane_ops *ops = &nl_dp_user_ops;
	int err;

	memset(dp, 0, sizeof(*dp));
	dp->fd = -1;
	switch (c->dataplane) {
	case NL_DP_KERNEL:
		nl_err("dataplane kernel: the nlppp kernel module is not available "
		       "(load nlppp.ko, or use 'dataplane user')");
		return -ENOENT;
	case NL_DP_AUTO:
		nl_info("dataplane auto: kernel module not available, using the user-space data plane");
		break;
	case NL_DP_USER:
		break;
	}
	dp->ops = ops;
	err = ops->create(dp, c->ifname, c->unit);
	if (err < 0) {
		dp->ops = NULL;
		return err;
	}
	nl_dbg("%s: %s data plane", dp->ifname, ops->name);
	return 0;
}
