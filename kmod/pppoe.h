/* SPDX-License-Identifier: GPL-2.0 */
/* PPPoE session links (RFC 2516): Ethernet frames of type ETH_P_PPP_SES. */
#ifndef _NLPPP_PPPOE_H
#define _NLPPP_PPPOE_H

#include <net/netlink.h>
#include <uapi/linux/nlppp.h>

struct nlppp_link;
struct net;

extern const struct nla_policy nlppp_pppoe_policy[NLPPP_A_PPPOE_MAX + 1];

struct nlppp_link *nlppp_pppoe_new(struct net *net, struct nlattr *nest,
				   struct netlink_ext_ack *extack);
void nlppp_pppoe_abort(struct nlppp_link *link);

int nlppp_pppoe_init(void);
void nlppp_pppoe_uninit(void);

#endif
