// SPDX-License-Identifier: GPL-2.0
/*
 * nlppp: the PPP data plane, programmed by nlpppd over generic netlink.
 * Self-tests, and bringing the subsystems up and down. The module's
 * parameters are in params.c.
 */
#include "main.h"
#include "device.h"
#include "ldisc.h"
#include "netlink.h"
#include "pppoe.h"
#include "selftest.h"

#include <linux/module.h>
#include <linux/tty.h>
#include <net/genetlink.h>
#include <uapi/linux/nlppp.h>

static int __init nlppp_init(void)
{
	int ret;

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
	ret = nlppp_pppoe_init();
	if (ret)
		goto err_ldisc;

	pr_info("loaded: line discipline %d, genl family \"%s\" v%d\n",
		nlppp_ldisc_num, NLPPP_GENL_NAME, NLPPP_GENL_VERSION);
	return 0;

err_ldisc:
	nlppp_ldisc_uninit();
err_device:
	nlppp_device_uninit();
err_netlink:
	nlppp_netlink_uninit();
	return ret;
}

static void __exit nlppp_exit(void)
{
	nlppp_pppoe_uninit();
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
MODULE_SOFTDEP("pre: sha1");
MODULE_DESCRIPTION("nlppp: PPP data plane driven over generic netlink");
MODULE_ALIAS_GENL_FAMILY(NLPPP_GENL_NAME);
MODULE_ALIAS_LDISC(NLPPP_LDISC_DEFAULT);
