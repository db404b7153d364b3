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
	 * CCP_TX CCP_RX VJ (never an MPPE key)
	 */
	NLPPP_CMD_BUNDLE_GET,
	/* Change a bundle. req: BUNDLE_ID, then any of MRU NP_MODES FLAGS CCP_TX CCP_RX VJ */
	NLPPP_CMD_BUNDLE_SET,
	/*
	 * Claim the link the line discipline made for a tty (req: LINK_COOKIE
	 * FLAGS?), or create a PPPoE session link (req: PPPOE FLAGS?), owned
	 * by the caller. rep: the link as LINK_GET has it.
	 */
	NLPPP_CMD_LINK_NEW,
	/*
	 * Release a link (the tty falls back to discarding; the cookie cannot
	 * claim it again). Multicasts LINK_DOWN, reason DELETED. req: LINK_ID
	 */
	NLPPP_CMD_LINK_DEL,
	/*
	 * Read one link (req: LINK_ID) or dump all in the netns. rep: LINK_ID
	 * LINK_TYPE TX_ACCM RX_ACCM LINK_FLAGS MRU FLAGS OWNER STATS BUNDLE_ID?
	 * PPPOE (PPPoE links)
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
	/*
	 * CCP Reset (RFC 1962 2) of one direction of a bundle's compression.
	 * DIRECTION TX: the peer sent a Reset-Request, restart the compressor
	 * (MPPE: the next packet is FLUSHED, with a key change). DIRECTION RX:
	 * a Reset-Ack came, restart the decompressor and re-arm CCP_ERROR.
	 * req: BUNDLE_ID DIRECTION
	 */
	NLPPP_CMD_CCP_RESET,
	/*
	 * Event (unicast to the bundle's owner): the receive direction could not
	 * decompress or decrypt a frame (MPPE stateful: a coherency count gap);
	 * the owner sends a CCP Reset-Request. At most one per bundle until the
	 * owner sends CCP_RESET RX (the errors in between are only counted, in
	 * STATS_COMP_RX_ERRORS), so a flood of bad frames cannot flood the
	 * owner. attrs BUNDLE_ID LINK_ID?
	 */
	NLPPP_CMD_CCP_ERROR,

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
	NLPPP_A_CCP_TX,		/* nested NLPPP_A_CCP_*: what we send is compressed/encrypted with; set as a
				 * whole (the history restarts), req (BUNDLE_SET)/rep (no MPPE_KEY) */
	NLPPP_A_CCP_RX,		/* nested NLPPP_A_CCP_*: how 0x00fd frames we receive are undone; as CCP_TX */
	NLPPP_A_VJ,		/* nested NLPPP_A_VJ_*: VJ TCP/IP header compression (RFC 1144/1332); set as a
				 * whole (slots start empty); req (BUNDLE_SET)/rep */
	NLPPP_A_DIRECTION,	/* u8: enum nlppp_direction; req (CCP_RESET) */
	NLPPP_A_PPPOE,		/* nested NLPPP_A_PPPOE_*: a PPPoE session (RFC 2516) the link carries;
				 * req (LINK_NEW)/rep */

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
 * Inside NLPPP_A_CCP_TX and NLPPP_A_CCP_RX: one direction of CCP (RFC 1962),
 * as the daemon negotiated it. Each direction has one method; MPPE excludes
 * the others (RFC 3078). A method the module lacks is refused with
 * -EOPNOTSUPP (CCP then closes and data flows as is).
 *
 * MPPE adds 4 bytes to each packet (2-byte header, 2-byte protocol field)
 * and Predictor-1 up to 4 (length and CRC) plus its 0x00fd protocol: the
 * kernel never fragments, so the daemon lowers pppN's MTU by 4 when MPPE is
 * on in the transmit direction (as pppd does), keeping frames within the
 * peer's MRU. Stateless MPPE receivers rekey once per packet the coherency
 * count skipped; a jump of more than 256 is done at most once a second,
 * others in that time are dropped (STATS_MPPE_DISCARDS), so a peer cannot
 * make every packet cost 4095 key changes.
 *
 * Deflate and BSD-Compress never lengthen a packet: one that would not
 * shrink is sent as is and still joins the history, and the receiving
 * bundle adds every data frame that came as is to its decompressor's. Their
 * state (zlib workspaces, LZW tables: up to ~300 KiB per direction, see
 * nlppp(4)) is allocated when the method is set.
 */
enum nlppp_ccp_attr {
	NLPPP_A_CCP_UNSPEC,
	NLPPP_A_CCP_METHOD,	/* u8: enum nlppp_ccp_method; req (required)/rep */
	NLPPP_A_CCP_REQUIRED,	/* u8 0/1: no IPv4/IPv6 crosses this direction outside the method (MPPE
				 * required): with METHOD NONE such data is dropped (STATS_COMP_REQUIRED_DROPS),
				 * and on receive unencrypted data is always dropped; req/rep */
	NLPPP_A_CCP_DEFLATE_WINDOW,	/* u8 9..15: log2 of the window (DEFLATE, DEFLATE_DRAFT); req/rep */
	NLPPP_A_CCP_BSD_BITS,	/* u8 9..15: code size (BSD); req/rep */
	NLPPP_A_CCP_MPPE_BITS,	/* u8 40, 56 or 128: key length (MPPE, required with it); req/rep */
	NLPPP_A_CCP_MPPE_STATEFUL,	/* u8 0/1: stateful MPPE (rekey every 256 packets); req/rep */
	NLPPP_A_CCP_MPPE_KEY,	/* binary, exactly 16 bytes: the RFC 3079 start key (the first 8 for 40 and
				 * 56 bits); req only (MPPE, required with it): write-only, never in any
				 * reply, dump or event, wiped once the state is keyed */

	__NLPPP_A_CCP_MAX,
	NLPPP_A_CCP_MAX = __NLPPP_A_CCP_MAX - 1,
};

enum nlppp_ccp_method {
	NLPPP_CCP_NONE,		/* data as is (the default) */
	NLPPP_CCP_MPPE,		/* RFC 3078 encryption, CCP option 18 */
	NLPPP_CCP_PRED1,	/* RFC 1978 Predictor type 1, option 1 */
	NLPPP_CCP_DEFLATE,	/* RFC 1979 Deflate, option 26 */
	NLPPP_CCP_DEFLATE_DRAFT,	/* the same under pppd's old option number 24 */
	NLPPP_CCP_BSD,		/* RFC 1977 BSD-Compress, option 21 */
	__NLPPP_CCP_METHOD_MAX,
};

/* Inside NLPPP_A_VJ. Slots 0 turn a direction off (the default). */
enum nlppp_vj_attr {
	NLPPP_A_VJ_UNSPEC,
	NLPPP_A_VJ_TX_SLOTS,	/* u16 0..256: slots we compress with (the peer's Max-Slot-Id + 1); req/rep */
	NLPPP_A_VJ_RX_SLOTS,	/* u16 0..256: slots the peer compresses with (ours + 1); req/rep */
	NLPPP_A_VJ_TX_CID_COMP,	/* u8 0/1: the peer accepts slot-id compression; req/rep */

	__NLPPP_A_VJ_MAX,
	NLPPP_A_VJ_MAX = __NLPPP_A_VJ_MAX - 1,
};

/*
 * Inside NLPPP_A_PPPOE. Discovery stays in the daemon (AF_PACKET); the
 * kernel carries the session stage: frames of type ETH_P_PPP_SES on the
 * interface from PEER with SESSION_ID go to the link, and the link's
 * frames leave with an Ethernet + PPPoE header (ver 1, type 1, code 0).
 * (IFINDEX, PEER, SESSION_ID) is unique per netns (-EEXIST). The link goes
 * down (LINK_DOWN, reason IFACE) when the interface goes down or away.
 * A PPPoE length past the frame counts in the link's RX_FRAME_ERRORS;
 * frames of no session, and bad PPPoE headers, are dropped and counted
 * per netns in /proc/net/nlppp_pppoe (with the number of session links).
 * Only interfaces with session links are listened on: frames elsewhere
 * are not looked at (nor counted).
 */
enum nlppp_pppoe_attr {
	NLPPP_A_PPPOE_UNSPEC,
	NLPPP_A_PPPOE_IFINDEX,	/* u32: the Ethernet interface, in the caller's netns, up; req/rep */
	NLPPP_A_PPPOE_PEER,	/* binary, exactly 6 bytes: the peer's MAC (unicast); req/rep */
	NLPPP_A_PPPOE_SESSION_ID,	/* u16 1..0xfffe: the session id discovery agreed; req/rep */
	NLPPP_A_PPPOE_LOCAL,	/* binary, 6 bytes: our MAC, the interface's at creation; rep */

	__NLPPP_A_PPPOE_MAX,
	NLPPP_A_PPPOE_MAX = __NLPPP_A_PPPOE_MAX - 1,
};

enum nlppp_direction {
	NLPPP_DIR_TX,		/* what we send */
	NLPPP_DIR_RX,		/* what we receive */
	__NLPPP_DIR_MAX,
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
					 * write, PPPoE frames longer than the interface's MTU less
					 * 6, dropped (also in TX_DROPPED) */
	/*
	 * Bundles only: compression and encryption (CCP, VJ). Bytes are the
	 * PPP protocol field and payload.
	 */
	NLPPP_A_STATS_COMP_TX_IN,	/* bytes into the compressor/encryptor */
	NLPPP_A_STATS_COMP_TX_OUT,	/* bytes out of it, sent as 0x00fd */
	NLPPP_A_STATS_COMP_TX_INCOMPRESSIBLE,	/* packets the compressor sent as they were */
	NLPPP_A_STATS_COMP_RX_IN,	/* bytes of 0x00fd frames into the decompressor/decryptor */
	NLPPP_A_STATS_COMP_RX_OUT,	/* bytes out of it */
	NLPPP_A_STATS_COMP_TX_RESETS,	/* CCP_RESET TX honoured */
	NLPPP_A_STATS_COMP_RX_RESETS,	/* CCP_RESET RX honoured */
	NLPPP_A_STATS_COMP_RX_ERRORS,	/* frames the decompressor failed (each wants a reset) */
	NLPPP_A_STATS_MPPE_DISCARDS,	/* MPPE frames dropped: bad header, out of sync, far jump */
	NLPPP_A_STATS_COMP_REQUIRED_DROPS,	/* IPv4/IPv6 dropped: REQUIRED and not (yet) compressed */
	NLPPP_A_STATS_VJ_TX_COMPRESSED,	/* packets sent as 0x002d */
	NLPPP_A_STATS_VJ_TX_UNCOMPRESSED,	/* packets sent as 0x002f */
	NLPPP_A_STATS_VJ_RX_COMPRESSED,	/* 0x002d frames rebuilt */
	NLPPP_A_STATS_VJ_RX_UNCOMPRESSED,	/* 0x002f frames taken */
	NLPPP_A_STATS_VJ_RX_ERRORS,	/* VJ frames refused (malformed, unknown slot) */
	NLPPP_A_STATS_VJ_RX_TOSSED,	/* 0x002d frames tossed after an error (RFC 1144 4.3) */

	__NLPPP_A_STATS_MAX,
	NLPPP_A_STATS_MAX = __NLPPP_A_STATS_MAX - 1,
};

enum nlppp_link_type {
	NLPPP_LINK_ASYNC,	/* RFC 1662 async HDLC: ACCM byte stuffing, FCS-16 */
	NLPPP_LINK_SYNC,	/* frames as the driver delivers them: no stuffing, no FCS */
	NLPPP_LINK_PPPOE,	/* RFC 2516 session (NLPPP_A_PPPOE); set at LINK_NEW, never changed */
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
	/*
	 * Bundles, BUNDLE_NEW only (kept as it is by BUNDLE_SET; links: EINVAL):
	 * pppN gets no qdisc of its own (IFF_NO_QUEUE, as VLAN and WireGuard
	 * devices), for links that never push back, PPPoE: the Ethernet
	 * device's qdisc queues. Saves the default qdisc per session (fq_codel:
	 * about 70 KiB). A qdisc added with tc still works. A tty link on such
	 * a bundle drops beyond its backlog instead of stopping pppN's queue.
	 */
	NLPPP_F_NOQUEUE = 1 << 1,
	NLPPP_F_ALL = (1 << 2) - 1,
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
	NLPPP_DOWN_IFACE,	/* PPPoE: the Ethernet interface went down or away */
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
