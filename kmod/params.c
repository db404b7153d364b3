// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, under /sys/module/nlppp/parameters/. Each has a range
 * that its setter enforces, at load as at run time: a value outside it is
 * refused with -EINVAL and the old value stays. Readers use READ_ONCE, and
 * a new value applies to what is made after it (docs/nlppp.4 says, for
 * each, what that is).
 */
#include "main.h"

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/tty.h>
#include <libppp/ppp.h>
#include <uapi/linux/nlppp.h>

enum {
	NLPPP_TX_QUEUE_LEN_MAX = 65536,	/* packets */
	NLPPP_TX_BACKLOG_MAX = 1024,	/* frames; control frames may reach 2x + 8 */
};

/* The defaults must lie in the ranges the setters enforce. */
static_assert(NLPPP_LDISC_DEFAULT > N_TTY && NLPPP_LDISC_DEFAULT < NR_LDISCS);
static_assert(PPP_MRU_MIN <= PPP_MRU_DEFAULT && PPP_MRU_DEFAULT <= NLPPP_LINK_MRU_MAX);
static_assert(NLPPP_LINK_MRU_MAX <= U16_MAX);

/*
 * A uint parameter in [lo, hi]: one setter and one ops per parameter, since
 * kernel_param carries no room for the bounds.
 */
#define NLPPP_PARAM_UINT(name, var, lo, hi, perm)				\
	static int nlppp_param_set_##name(const char *val,			\
					  const struct kernel_param *kp)	\
	{									\
		return param_set_uint_minmax(val, kp, lo, hi);			\
	}									\
	static const struct kernel_param_ops nlppp_param_ops_##name = {	\
		.set = nlppp_param_set_##name,					\
		.get = param_get_uint,						\
	};									\
	module_param_cb(name, &nlppp_param_ops_##name, &var, perm)

/* The ldisc number: read-only once loaded (the discipline is registered). */
static int nlppp_param_set_ldisc(const char *val, const struct kernel_param *kp)
{
	int n, ret;

	ret = kstrtoint(val, 0, &n);
	if (ret)
		return ret;
	if (n <= N_TTY || n >= NR_LDISCS) {
		pr_err("ldisc=%d is not a line discipline number (1..%d)\n",
		       n, NR_LDISCS - 1);
		return -EINVAL;
	}
	*(int *)kp->arg = n;
	return 0;
}

static const struct kernel_param_ops nlppp_param_ops_ldisc = {
	.set = nlppp_param_set_ldisc,
	.get = param_get_int,
};

int nlppp_ldisc_num = NLPPP_LDISC_DEFAULT;
module_param_cb(ldisc, &nlppp_param_ops_ldisc, &nlppp_ldisc_num, 0444);
MODULE_PARM_DESC(ldisc, "tty line discipline number, 1..30, load time only (default 29, N_DEVELOPMENT)");

unsigned int nlppp_tx_queue_len = 100;
NLPPP_PARAM_UINT(tx_queue_len, nlppp_tx_queue_len, 1, NLPPP_TX_QUEUE_LEN_MAX, 0644);
MODULE_PARM_DESC(tx_queue_len, "qdisc queue length of new pppN devices, packets, 1..65536 (default 100)");

unsigned int nlppp_tx_backlog = 16;
NLPPP_PARAM_UINT(tx_backlog, nlppp_tx_backlog, 1, NLPPP_TX_BACKLOG_MAX, 0644);
MODULE_PARM_DESC(tx_backlog, "frames a link queues for its transport before pppN's queue stops, 1..1024 (default 16)");

unsigned int nlppp_mru = PPP_MRU_DEFAULT;
NLPPP_PARAM_UINT(mru, nlppp_mru, PPP_MRU_MIN, NLPPP_LINK_MRU_MAX, 0644);
MODULE_PARM_DESC(mru, "MRU of new bundles and links until the daemon sets one, bytes, 128..65524 (default 1500)");

unsigned int nlppp_mru_max = NLPPP_LINK_MRU_MAX;
NLPPP_PARAM_UINT(mru_max, nlppp_mru_max, PPP_MRU_DEFAULT, NLPPP_LINK_MRU_MAX, 0644);
MODULE_PARM_DESC(mru_max, "largest link MRU, so receive buffer, the module accepts, bytes, 1500..65524 (default 65524)");

bool nlppp_debug;
module_param_named(debug, nlppp_debug, bool, 0644);
MODULE_PARM_DESC(debug, "log object life-cycle events (never packet contents)");

/* The MRU a new link starts with: the default, within the cap. */
u16 nlppp_link_default_mru(void)
{
	return min(READ_ONCE(nlppp_mru), READ_ONCE(nlppp_mru_max));
}
