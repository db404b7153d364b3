/* SPDX-License-Identifier: GPL-2.0 */
/* The "nlppp" generic netlink family. */
#ifndef _NLPPP_NETLINK_H
#define _NLPPP_NETLINK_H

#include <uapi/linux/nlppp.h>
#include <linux/types.h>

struct nlppp_bundle;
struct nlppp_link;

void nlppp_nl_link_down(struct nlppp_link *link, enum nlppp_down_reason why);
int nlppp_nl_frame_event(struct nlppp_link *link, u16 proto,
			 const void *data, size_t len);
void nlppp_nl_demand(struct nlppp_bundle *bundle, u16 proto);
void nlppp_nl_ccp_error(struct nlppp_bundle *bundle);

int nlppp_netlink_init(void);
void nlppp_netlink_uninit(void);

#endif
