// SPDX-License-Identifier: GPL-2.0
/*
 * nlppp: the PPP data plane, programmed by nlpppd over generic netlink.
 * Module parameters, self-tests, and bringing the subsystems up and down.
 */
#include "main.h"
#include "device.h"
#include "ldisc.h"
#include "netlink.h"
#include "selftest.h"

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/tty.h>
#include <net/genetlink.h>
#include <uapi/linux/nlppp.h>

int nlppp_ldisc_num = NLPPP_LDISC_DEFAULT;
module_param_named(ldisc, nlppp_ldisc_num, int, 0444);
MODULE_PARM_DESC(ldisc, "tty line discipline number (default 29, N_DEVELOPMENT)");

unsigned int nlppp_tx_queue_len = 100;
module_param_named(tx_queue_len, nlppp_tx_queue_len, uint, 0644);
MODULE_PARM_DESC(tx_queue_len, "qdisc queue length of new pppN devices, packets (default 100)");

unsigned int nlppp_tx_backlog = 16;
module_param_named(tx_backlog, nlppp_tx_backlog, uint, 0644);
MODULE_PARM_DESC(tx_backlog, "frames a link queues for its transport before pppN's queue stops (default 16)");

bool nlppp_debug;
module_param_named(debug, nlppp_debug, bool, 0644);
MODULE_PARM_DESC(debug, "log object life-cycle events (never packet contents)");

static int __init nlppp_init(void)
{
	int ret;

	if (nlppp_ldisc_num <= N_TTY || nlppp_ldisc_num >= NR_LDISCS) {
		pr_err("ldisc=%d is not a line discipline number (1..%d)\n",
		       nlppp_ldisc_num, NR_LDISCS - 1);
		return -EINVAL;
	}
	if (!nlppp_tx_backlog)
		nlppp_tx_backlog = 1;

	ret = nlppp_selftest();
	if (ret)
		return ret;

	/*
	 * The family first and gone last: bundles and links report to it
	 * (DEMAND, LINK_DOWN) until they are destroyed. Teardown is the
	 * reverse of this.
	 */
	ret = nlppp_netlink_init();
	if (ret)
		return ret;
	ret = nlppp_device_init();
	if (ret)
		goto err_netlink;
	ret = nlppp_ldisc_init();
	if (ret)
		goto err_device;

	pr_info("loaded: line discipline %d, genl family \"%s\" v%d\n",
		nlppp_ldisc_num, NLPPP_GENL_NAME, NLPPP_GENL_VERSION);
	return 0;

err_device:
	nlppp_device_uninit();
err_netlink:
	nlppp_netlink_uninit();
	return ret;
}

static void __exit nlppp_exit(void)
{
	nlppp_ldisc_uninit();
	/* Destroys every bundle, and refuses new ones from here on. */
	nlppp_device_uninit();
	nlppp_netlink_uninit();
	/* Links are freed by call_rcu(); their callbacks run module code. */
	rcu_barrier();
}

module_init(nlppp_init);
module_exit(nlppp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nlppp: PPP data plane driven over generic netlink");
MODULE_ALIAS_GENL_FAMILY(NLPPP_GENL_NAME);
MODULE_ALIAS_LDISC(NLPPP_LDISC_DEFAULT);
