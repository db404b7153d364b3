/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One Ethernet interface as PPPoE sees it: an AF_PACKET socket for the
 * Discovery stage (ETH_P_PPP_DISC) and one for session data
 * (ETH_P_PPP_SES), both bound to the interface and shared by every session
 * on it. Sessions are found by (peer MAC, session id) in a hash table.
 *
 * On the user plane a session's link runs over one end of a SEQPACKET
 * socketpair (a packet transport, NL_FRAMING_NONE); the other end is
 * bridged here to the Ethernet. Closing either end ends the session: the
 * link reads EOF (hangup), or we read EOF and tell the owner (PADT). The
 * kernel plane (dataplane/kernel.c) makes a kernel PPPoE link from the
 * same (interface, peer, session id), which nl_pppoe_sess_new puts in the
 * transport; there is no socketpair then (two sockets are 4.5 KB of kernel
 * memory a session), only a tie (struct nl_pppoe_tie) that tells each side,
 * on the next loop turn, that the other one ended the session.
 */
#ifndef NLPPPD_PPPOE_IFACE_H
#define NLPPPD_PPPOE_IFACE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"

struct nl_transport;
struct nl_pppoe_if;
struct nl_pppoe_sess;

struct nl_pppoe_if_ops {
	/* A discovery packet (from the PPPoE header on) from @src. */
	void (*disc)(void *ctx, struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *pkt,
		     size_t len);
	/* The session's link closed its transport: PADT, then nl_pppoe_sess_free(). */
	void (*closed)(void *ctx, struct nl_pppoe_sess *s);
};

struct nl_pppoe_if_stats {
	uint64_t rx_disc, rx_ses, tx_disc, tx_ses;
	uint64_t rx_ses_unknown;	/* session frames for no session of ours */
	uint64_t rx_ses_bad;		/* bad header, length past the frame, code not 0 */
	uint64_t rx_ses_full;		/* the link's queue was full: dropped */
	uint64_t tx_errors;		/* sends the interface refused */
	uint64_t tx_too_big;		/* frames from a link too big for the interface */
};

struct nl_pppoe_sess {
	struct nl_pppoe_if *iface;
	struct nl_pppoe_sess *hnext;	/* hash chain */
	uint8_t peer[6];
	uint16_t sid;
	int fd;				/* our end of the link's socketpair (user plane), or -1 */
	struct nl_io io;
	struct nl_pppoe_tie *tie;	/* kernel plane: the link's side, or NULL */
	void *owner;			/* the client or the concentrator's session */
};

/*
 * A kernel-plane session and its link's transport, which holds the tie
 * instead of a socket. Whichever lets go first has the other told on the
 * next loop turn: the transport's close makes the interface call
 * ops->closed (PADT, then nl_pppoe_sess_free), the session's end calls
 * the watcher (the kernel plane's link, which goes down). Freed when both
 * have let go.
 */
struct nl_pppoe_tie {
	struct nl_loop *loop;
	struct nl_genl *genl;		/* the channel the early link is on */
	uint32_t early_link;		/* its kernel link, made with the session; 0: none */
	struct nl_pppoe_sess *sess;	/* NULL once the session has ended */
	bool held;			/* a transport still holds it */
	void (*gone)(void *ctx);	/* the watcher, told when the session ends */
	void *ctx;
	struct nl_timer timer;
};

/* Watch @t: @gone(@ctx) once the session ends (now, if it has); NULL stops. */
void nl_pppoe_tie_watch(struct nl_pppoe_tie *t, void (*gone)(void *ctx), void *ctx);
/* The transport lets go of @t (nl_transport_close): the session ends. */
void nl_pppoe_tie_release(struct nl_pppoe_tie *t);
/* The kernel link made with the session, now the caller's; 0 if none. */
uint32_t nl_pppoe_tie_take_link(struct nl_pppoe_tie *t);

struct nl_pppoe_if {
	char name[IF_NAMESIZE];
	int ifindex;
	uint8_t mac[6];
	unsigned int mtu;
	struct nl_loop *loop;
	const struct nl_pppoe_if_ops *ops;
	void *ctx;
	int disc_fd, ses_fd;
	struct nl_io disc_io, ses_io;
	bool kernel;			/* sessions run on the kernel plane: ties, no socketpairs */
	struct nl_genl *genl;		/* kernel plane: each session's link made with it */
	struct nl_pppoe_sess **table;	/* buckets, a power of two */
	uint32_t mask;
	unsigned int nsess;
	uint64_t sid_used[65536 / 64];	/* session ids in use on this interface */
	struct nl_pppoe_if_stats stats;
};

/*
 * Open @name for PPPoE; @buckets: the hash table's size (rounded up to a
 * power of two), about the number of sessions expected. Logs one line and
 * returns -errno on failure.
 */
int nl_pppoe_if_open(struct nl_pppoe_if **ip, struct nl_loop *loop, const char *name,
		     unsigned int buckets, const struct nl_pppoe_if_ops *ops, void *ctx);
/* The same without sockets (tests, fuzzing): frames come in through _input. */
int nl_pppoe_if_new(struct nl_pppoe_if **ip, struct nl_loop *loop, const char *name,
		    unsigned int buckets, const struct nl_pppoe_if_ops *ops, void *ctx);
/*
 * A frame from the session socket (@n bytes from the PPPoE header on, from
 * @src): checked, counted, handed to its session's link or dropped.
 */
void nl_pppoe_if_ses_input(struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *buf,
			   size_t n);
/*
 * The kernel plane carries the sessions (nlppp.ko takes ETH_P_PPP_SES):
 * close the session socket, so frames are not copied up for nothing, and
 * tie new sessions to their links instead of giving them a socketpair.
 * With @g (the generic netlink channel), a session's kernel link is made
 * with the session, before the PADS goes out or as it comes in: a frame
 * the peer sends at once is not lost (which cost a restart timer, 3 s)
 * while the link and its bundle are being made.
 */
struct nl_genl;
void nl_pppoe_if_kernel_sessions(struct nl_pppoe_if *i, struct nl_genl *g);
/* Close the sockets and free every session left (their links see EOF). */
void nl_pppoe_if_close(struct nl_pppoe_if *i);
/* Send a discovery packet (PPPoE header on) to @dst. */
int nl_pppoe_if_send_disc(struct nl_pppoe_if *i, const uint8_t dst[6], const uint8_t *pkt,
			  size_t len);

/* Random session id not in use on @i (1..0xfffe), 0 if none is free. */
uint16_t nl_pppoe_if_free_sid(struct nl_pppoe_if *i);

/*
 * A session with @peer as @sid, and in @tr the transport its link runs on
 * (taken by nl_link_new), carrying frames of 1492 bytes, or @max_payload
 * when discovery agreed on more (RFC 4638): one end of a socketpair, or on
 * the kernel plane no fd and a tie (tr->pppoe_tie). -EEXIST if (@peer,
 * @sid) is taken.
 */
int nl_pppoe_sess_new(struct nl_pppoe_sess **sp, struct nl_pppoe_if *i, const uint8_t peer[6],
		      uint16_t sid, uint16_t max_payload, void *owner, struct nl_transport *tr);
struct nl_pppoe_sess *nl_pppoe_sess_find(struct nl_pppoe_if *i, const uint8_t peer[6],
					 uint16_t sid);
/* Forget the session; its link, if still there, reads EOF (or is told) and hangs up. */
void nl_pppoe_sess_free(struct nl_pppoe_sess *s);

/* "00:11:22:33:44:55" to bytes; 0 or -EINVAL. */
int nl_pppoe_parse_mac(const char *s, uint8_t mac[6]);

#endif
