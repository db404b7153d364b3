/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nlppp: the kernel <-> daemon API of the nlppp PPP data plane.
 *
 * A generic netlink family, "nlppp", version 1. The kernel holds the data
 * plane: *bundles* (one pppN net_device each) and *links* (one transport
 * with its framing, e.g. a tty running the nlppp line discipline). The
 * daemon (nlpppd) runs every control protocol; the kernel never parses LCP
 * or CCP. Control frames from the peer are delivered to the daemon as
 * NLPPP_CMD_FRAME events unicast to the netlink socket that owns the link
 * (never multicast: PAP carries passwords); non-secret events (a link went
 * down and why) go to the "events" multicast group.
 *
 * Ownership: objects belong to the netlink socket that created (or, for
 * tty links, claimed) them -- the socket itself, not its port id, which
 * another socket may bind once the owner is released -- and are destroyed
 * when it closes, unless
 * NLPPP_F_PERSIST is set: a persistent object then becomes an orphan
 * (OWNER 0), and the first socket that changes it adopts it (a restarted
 * daemon). Another socket's objects can be read (GET) but not changed
 * (-EPERM). Every command needs CAP_NET_ADMIN in the user namespace of the
 * caller's netns. Objects live in the netns of the socket that made them and
 * are invisible from others; a bundle's pppN cannot change netns.
 *
 * Errors: -ENOENT unknown id (or another netns's), -EINVAL an id of the
 * wrong kind (a link id as BUNDLE_ID), a missing attribute or a bad value,
 * -ERANGE a value or length outside the policy, -EPERM not the owner,
 * -EBUSY already attached, -ENOTCONN not attached / link down. Each comes
 * with an extack message.
 *
 * Versioning: version 1 forever; new attributes and enum values are added at
 * the end, never renumbered. Unknown attributes, flags and enum values are
 * rejected with an extack message.
 *
 * Attribute notation below: type, unit, direction (req = daemon -> kernel,
 * rep = kernel -> daemon in replies and events).
 */
#ifndef _UAPI_LINUX_NLPPP_H
#define _UAPI_LINUX_NLPPP_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define NLPPP_GENL_NAME		"nlppp"
#define NLPPP_GENL_VERSION	1
#define NLPPP_MCGRP_EVENTS	"events"

/* Default tty line discipline number while out of tree (N_DEVELOPMENT). */
#define NLPPP_LDISC_DEFAULT	29

enum nlppp_cmd {
	NLPPP_CMD_UNSPEC,
	/* Create a bundle. req: IFNAME? UNIT? MRU? FLAGS? rep: BUNDLE_ID IFINDEX IFNAME */
	NLPPP_CMD_BUNDLE_NEW,
	/* Destroy a bundle (its link is detached, not deleted). req: BUNDLE_ID */
	NLPPP_CMD_BUNDLE_DEL,
	/*
	 * Read one bundle (req: BUNDLE_ID) or dump all in the netns. rep: BUNDLE_ID
	 * IFINDEX IFNAME UNIT? MRU FLAGS OWNER NP_MODES STATS LINK_ID (if attached)
	 */
	NLPPP_CMD_BUNDLE_GET,
	/* Change a bundle. req: BUNDLE_ID, then any of MRU NP_MODES FLAGS */
	NLPPP_CMD_BUNDLE_SET,
	/* Claim the link the line discipline made for a tty. req: LINK_COOKIE FLAGS? rep: LINK_ID */
	NLPPP_CMD_LINK_NEW,
	/*
	 * Release a link (the tty falls back to discarding; the cookie cannot
	 * claim it again). Multicasts LINK_DOWN, reason DELETED. req: LINK_ID
	 */
	NLPPP_CMD_LINK_DEL,
	/*
	 * Read one link (req: LINK_ID) or dump all in the netns. rep: LINK_ID
	 * LINK_TYPE TX_ACCM RX_ACCM LINK_FLAGS MRU FLAGS OWNER STATS BUNDLE_ID?
	 */
	NLPPP_CMD_LINK_GET,
	/* Change link framing. req: LINK_ID, then any of LINK_TYPE TX_ACCM RX_ACCM LINK_FLAGS MRU FLAGS */
	NLPPP_CMD_LINK_SET,
	/* Attach a link to a bundle: data frames now flow. req: LINK_ID BUNDLE_ID */
	NLPPP_CMD_LINK_ATTACH,
	/* Detach a link from its bundle. req: LINK_ID */
	NLPPP_CMD_LINK_DETACH,
	/*
	 * Control frame. req: send PAYLOAD with protocol PROTO on LINK_ID.
	 * Event (unicast to the link's owner): a frame the bundle does not pass
	 * arrived on LINK_ID; attrs LINK_ID PROTO PAYLOAD.
	 */
	NLPPP_CMD_FRAME,
	/* Event (multicast "events"): a link went down. attrs LINK_ID BUNDLE_ID? REASON */
	NLPPP_CMD_LINK_DOWN,
	/*
	 * Event (multicast "events"): a bundle in NLPPP_NP_QUEUE mode started
	 * holding packets (its queue was empty): dial on demand. attrs BUNDLE_ID PROTO
	 */
	NLPPP_CMD_DEMAND,

	__NLPPP_CMD_MAX,
	NLPPP_CMD_MAX = __NLPPP_CMD_MAX - 1,
};

enum nlppp_attr {
	NLPPP_A_UNSPEC,
	NLPPP_A_BUNDLE_ID,	/* u32: bundle id, kernel-assigned; req/rep */
	NLPPP_A_IFINDEX,	/* u32: the bundle's net_device ifindex; rep */
	NLPPP_A_IFNAME,		/* string (< IFNAMSIZ): net_device name; req (BUNDLE_NEW)/rep */
	NLPPP_A_UNIT,		/* u32: ask for pppN by unit number; req (BUNDLE_NEW)/rep */
	NLPPP_A_LINK_ID,	/* u32: link id, kernel-assigned; req/rep */
	NLPPP_A_LINK_COOKIE,	/* u64: from NLPPP_IOC_LINK_COOKIE on the tty; req (LINK_NEW) */
	NLPPP_A_LINK_TYPE,	/* u8: enum nlppp_link_type; req/rep */
	NLPPP_A_TX_ACCM,	/* binary, exactly 32 bytes: transmit escape map, bit (c & 31) of LE32 word c >> 5;
				 * 0x7d 0x7e always escaped; 0x20-0x3f and 0x5e may not be (-EINVAL); req/rep */
	NLPPP_A_RX_ACCM,	/* u32: receive ACCM, set bits = control bytes dropped as noise; req/rep */
	NLPPP_A_LINK_FLAGS,	/* u32: NLPPP_LF_* bits; req/rep */
	NLPPP_A_MRU,		/* u16, 128..65535 bytes (link: ..NLPPP_LINK_MRU_MAX): largest frame accepted
				 * (link: information field, 1500 accepted whatever the MRU; bundle: packet); req/rep */
	NLPPP_A_FLAGS,		/* u32: NLPPP_F_* object flags; req/rep */
	NLPPP_A_NP_MODES,	/* nested NLPPP_A_NP_*: what the bundle does with data of each protocol; req/rep */
	NLPPP_A_PROTO,		/* u16: PPP protocol number; req/rep (FRAME) */
	NLPPP_A_PAYLOAD,	/* binary: the frame's information field, 1..NLPPP_PAYLOAD_MAX bytes; req/rep (FRAME) */
	NLPPP_A_REASON,		/* u32: enum nlppp_down_reason; rep (LINK_DOWN) */
	NLPPP_A_STATS,		/* nested NLPPP_A_STATS_*: counters; rep */
	NLPPP_A_OWNER,		/* u32: netlink port id of the owning socket (0: orphan); rep */
	NLPPP_A_PAD,		/* padding for u64 attributes */

	__NLPPP_A_MAX,
	NLPPP_A_MAX = __NLPPP_A_MAX - 1,
};

/* Inside NLPPP_A_NP_MODES. */
enum nlppp_np_attr {
	NLPPP_A_NP_UNSPEC,
	NLPPP_A_NP_IPV4,	/* u8: enum nlppp_np_mode for IPv4 (0x0021); req/rep */
	NLPPP_A_NP_IPV6,	/* u8: enum nlppp_np_mode for IPv6 (0x0057); req/rep */

	__NLPPP_A_NP_MAX,
	NLPPP_A_NP_MAX = __NLPPP_A_NP_MAX - 1,
};

/*
 * The largest PAYLOAD an attribute can carry (its length is 16 bits, header
 * included), and so the largest link MRU: the receive buffer holds the MRU
 * plus a 4-byte header and a 4-byte FCS, and whatever fits there, less a
 * 1-byte protocol field, must fit one PAYLOAD.
 */
#define NLPPP_PAYLOAD_MAX	65531
#define NLPPP_LINK_MRU_MAX	65524

/*
 * Inside NLPPP_A_STATS; every counter u64, rep only. Links report them all;
 * bundles report their pppN's RX/TX packets/bytes, RX_FRAME_ERRORS (length
 * errors), RX_DROPPED and TX_DROPPED (drops and NP-mode errors), zeros else.
 *
 * On a link every frame the decoder sees is counted once, in exactly one of
 * RX_PACKETS, RX_DROPPED, RX_CTRL_TOOBIG, RX_FCS_ERRORS, RX_FRAME_ERRORS,
 * RX_ABORTS and RX_OVERRUNS; CTRL_RX is the part of RX_PACKETS that went to
 * the owner (the rest went to the bundle, whose pppN counts what it drops).
 */
enum nlppp_stats_attr {
	NLPPP_A_STATS_UNSPEC,
	NLPPP_A_STATS_RX_PACKETS,	/* good frames handed on, to the bundle or the owner */
	NLPPP_A_STATS_RX_BYTES,		/* their bytes, header included, FCS excluded */
	NLPPP_A_STATS_TX_PACKETS,	/* frames sent */
	NLPPP_A_STATS_TX_BYTES,		/* their bytes before framing */
	NLPPP_A_STATS_RX_FCS_ERRORS,	/* bad FCS */
	NLPPP_A_STATS_RX_FRAME_ERRORS,	/* runts, bad headers, bytes the driver flagged (sync: bytes that
					 * start no frame, once for each run of them) */
	NLPPP_A_STATS_RX_ABORTS,	/* 0x7d 0x7e abort sequences */
	NLPPP_A_STATS_RX_OVERRUNS,	/* frames longer than the MRU */
	NLPPP_A_STATS_RX_DROPPED,	/* good frames dropped: no owner, owner's socket full or gone, no memory */
	NLPPP_A_STATS_TX_DROPPED,	/* frames dropped before the wire: queue full, no link */
	NLPPP_A_STATS_CTRL_RX,		/* control frames delivered to the owner */
	NLPPP_A_STATS_CTRL_TX,		/* control frames sent for the owner */
	NLPPP_A_STATS_PAD,
	NLPPP_A_STATS_RX_CTRL_TOOBIG,	/* control frames longer than NLPPP_PAYLOAD_MAX, dropped */
	NLPPP_A_STATS_TX_TOOBIG,	/* sync frames longer than the tty driver can ever take in one
					 * write, dropped (also in TX_DROPPED) */

	__NLPPP_A_STATS_MAX,
	NLPPP_A_STATS_MAX = __NLPPP_A_STATS_MAX - 1,
};

enum nlppp_link_type {
	NLPPP_LINK_ASYNC,	/* RFC 1662 async HDLC: ACCM byte stuffing, FCS-16 */
	NLPPP_LINK_SYNC,	/* frames as the driver delivers them: no stuffing, no FCS */
	__NLPPP_LINK_TYPE_MAX,
};

/* NLPPP_A_LINK_FLAGS */
enum nlppp_link_flags {
	NLPPP_LF_TX_ACFC = 1 << 0,	/* omit address/control on transmit (peer accepted ACFC) */
	NLPPP_LF_TX_PFC = 1 << 1,	/* one-byte protocol field on transmit when possible */
	NLPPP_LF_FCS32 = 1 << 2,	/* 32-bit FCS instead of 16 (async) */
	NLPPP_LF_ALL = (1 << 3) - 1,
};

/* NLPPP_A_FLAGS */
enum nlppp_obj_flags {
	NLPPP_F_PERSIST = 1 << 0,	/* survive the owner's socket closing (daemon restart) */
	NLPPP_F_ALL = (1 << 1) - 1,
};

enum nlppp_np_mode {
	NLPPP_NP_PASS,		/* carry the protocol's packets */
	NLPPP_NP_DROP,		/* drop them silently (the default) */
	NLPPP_NP_ERROR,		/* drop them and return an error to the sender */
	NLPPP_NP_QUEUE,		/* hold them (demand dialling) until the mode changes */
	__NLPPP_NP_MODE_MAX,
};

enum nlppp_down_reason {
	NLPPP_DOWN_UNSPEC,
	NLPPP_DOWN_HANGUP,	/* the tty hung up or its line discipline was changed */
	NLPPP_DOWN_CARRIER,	/* carrier lost */
	NLPPP_DOWN_OWNER_GONE,	/* the owning socket closed (objects not persistent) */
	NLPPP_DOWN_DELETED,	/* deleted by a netlink request */
	__NLPPP_DOWN_MAX,
};

/*
 * On a tty running the nlppp line discipline: read the 64-bit cookie that
 * names its link in NLPPP_CMD_LINK_NEW. Only a holder of the tty fd can
 * claim the link, only once, and only from the network namespace in which
 * the discipline was set (which takes CAP_NET_ADMIN there).
 */
#define NLPPP_IOC_LINK_COOKIE	_IOR('n', 0x50, __u64)

#endif /* _UAPI_LINUX_NLPPP_H */
