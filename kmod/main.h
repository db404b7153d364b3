/* SPDX-License-Identifier: GPL-2.0 */
/* Module parameters and logging shared by the subsystems. */
#ifndef _NLPPP_MAIN_H
#define _NLPPP_MAIN_H

#include <linux/printk.h>
#include <linux/types.h>

extern int nlppp_ldisc_num;
extern unsigned int nlppp_tx_queue_len;
extern unsigned int nlppp_tx_backlog;
extern unsigned int nlppp_mru;
extern unsigned int nlppp_mru_max;
extern bool nlppp_debug;

u16 nlppp_link_default_mru(void);

/* Object life-cycle messages, when the debug parameter is set. Never data. */
#define nlppp_info(fmt, ...)						\
	do {								\
		if (READ_ONCE(nlppp_debug))				\
			pr_info(fmt, ##__VA_ARGS__);			\
	} while (0)

#endif
