/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The process's one generic netlink channel to nlppp.ko, shared by every
 * bundle and link on the kernel plane: requests, and the kernel's events
 * routed to the owning link by its id.
 */
#ifndef NLPPPD_GENL_H
#define NLPPPD_GENL_H

#include <stdbool.h>
#include <stdint.h>

struct nl_genl;
struct nl_link;
struct nl_loop;
struct nl_msg;
struct nlattr;

/* Open the channel (resolve the family, join the event group, watch it in @loop). */
int nl_genl_open(struct nl_genl **gp, struct nl_loop *loop);
void nl_genl_close(struct nl_genl *g);
/* A channel with no socket, for family id @family: tests hand it batches. */
int nl_genl_new(struct nl_genl **gp, int family);

/*
 * One batch the socket returned (@buf, malloc()ed, taken; @n bytes): the
 * events of routed links are queued, acks matched to pending requests and
 * errors logged. With @seq non-zero, stop at the answer to that request:
 * its attributes go to @tb (*keep then holds @buf) and its error is
 * returned. Returns 1 when the batch held no such answer.
 */
int nl_genl_take(struct nl_genl *g, unsigned char *buf, int n, uint32_t seq,
		 const char *what, struct nlattr **tb, void **keep);

/* A request for @cmd (with NLM_F_ACK), or NULL. */
struct nl_msg *nl_genl_msg(struct nl_genl *g, uint8_t cmd);
/*
 * Send @msg (freed) and wait for its answer; the reply's attributes go to
 * @tb (NLPPP_A_MAX + 1 entries; *keep holds their memory, free() it). Only
 * for setting objects up and reading counters: the kernel answers inside
 * the send, so the wait is for a message already queued to us. Events that
 * arrive meanwhile are queued and delivered from the event loop.
 */
int nl_genl_call(struct nl_genl *g, struct nl_msg *msg, const char *what,
		 struct nlattr **tb, void **keep);
/*
 * The same for read-only requests (GET), on a socket that carries nothing
 * else, so that an answer is neither queued behind nor lost among events.
 */
int nl_genl_query(struct nl_genl *g, struct nl_msg *msg, const char *what,
		  struct nlattr **tb, void **keep);
/* Send @msg (freed) without waiting; an error comes back later and is logged with @what. */
int nl_genl_send(struct nl_genl *g, struct nl_msg *msg, const char *what);

/*
 * Deliver the kernel's FRAME and LINK_DOWN events for @link_id to @l. With
 * @l NULL (a PPPoE link made before its nl_link), a few events are kept
 * until a later call names the link, which gets them first, on the next
 * loop turn.
 */
int nl_genl_route(struct nl_genl *g, uint32_t link_id, struct nl_link *l);
void nl_genl_unroute(struct nl_genl *g, uint32_t link_id);
/*
 * Hand the events taken so far to their links, in order (the event loop
 * does it each turn, after reading; the unit tests call it directly).
 */
void nl_genl_deliver(struct nl_genl *g);

/*
 * The kernel plane's readers of reply attributes @tb (NLPPP_A_MAX + 1), for
 * kernel.c and the fuzzer: BUNDLE_NEW's answer into @dp and *@bundle_id;
 * the counters of a LINK_GET (@link) or BUNDLE_GET into their part of
 * @out. Both return 0 or -EPROTO.
 */
/*
 * A PPPoE session's kernel link made ahead of its nl_link (LINK_NEW), so
 * that the kernel takes the session's frames from the start; its events
 * wait on a route without a link (nl_genl_route). 0 and *@link_id, or
 * -errno. _drop unroutes and deletes one no link took over.
 */
int nl_kdp_pppoe_early(struct nl_genl *g, int ifindex, const uint8_t peer[6], uint16_t sid,
		       uint32_t *link_id);
void nl_kdp_pppoe_early_drop(struct nl_genl *g, uint32_t link_id);

struct nl_dataplane;
struct nl_dp_stats;
int nl_kdp_bundle_reply(struct nlattr **tb, uint32_t *bundle_id, struct nl_dataplane *dp);
int nl_kdp_stats_reply(struct nlattr **tb, bool link, struct nl_dp_stats *out);
/*
 * BUNDLE_SET for one direction's compression @c into @msg: 0, -EINVAL
 * for a method bit the kernel has no number for, -ENOMEM. The message
 * then holds the MPPE key: wipe it once sent.
 */
struct nl_ccp_dir;
int nl_kdp_ccp_msg(struct nl_msg *msg, uint32_t bundle_id, bool tx, const struct nl_ccp_dir *c);

#endif
