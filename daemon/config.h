/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything the options (command line, /etc/ppp/options, ~/.ppprc,
 * options.ttyname, file F, call NAME) can set. One struct per daemon
 * instance; a server session copies it. Defaults are pppd's.
 */
#ifndef NLPPPD_CONFIG_H
#define NLPPPD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

enum nl_dp_kind { NL_DP_AUTO, NL_DP_KERNEL, NL_DP_USER };

/* Restart/limits of one FSM (lcp-restart, lcp-max-configure, ...). */
struct nl_fsm_conf {
	unsigned int restart;		/* seconds, default 3 */
	unsigned int max_configure;	/* default 10 */
	unsigned int max_terminate;	/* default 3 */
	unsigned int max_failure;	/* default 5 (lcp), 10 (ipcp) per pppd */
};

/*
 * PPPoE (pppoe/): the client's options (pppd's rp-pppoe plugin) and the
 * access concentrator's (`listen pppoe:IF`).
 */
enum { NL_PPPOE_LISTEN_MAX = 8, NL_PPPOE_SERVICES = 4 };

struct nl_pppoe_conf {
	char iface[16];			/* the client's Ethernet interface; "" = not PPPoE */
	bool plugin;			/* `plugin rp-pppoe.so`: a bare word may name it */
	char service[64];		/* pppoe-service, PPPoE:IF:provider; "" = any */
	char ac[64];			/* pppoe-ac: only this concentrator; "" = any */
	char host_uniq[65];		/* pppoe-host-uniq, hex; "" = random */
	unsigned int padi_timeout;	/* pppoe-padi-timeout, seconds (5) */
	unsigned int padi_attempts;	/* pppoe-padi-attempts (3) */
	char mac[18];			/* pppoe-mac: only this concentrator's MAC */
	char sess[32];			/* pppoe-sess SID:MAC: attach, no discovery */
	bool connect;			/* `connect` given: ignored under PPPoE */
	/* The access concentrator. */
	char listen[NL_PPPOE_LISTEN_MAX][16];	/* listen pppoe:IF */
	unsigned int nlisten;
	char ac_name[64];		/* pppoe-ac-name; "" = the host name */
	char services[NL_PPPOE_SERVICES][64];	/* pppoe-service-name; none: any */
	unsigned int nservices;
	unsigned int padi_limit;	/* PADIs answered per second, 0 = no limit */
	unsigned int pado_delay;	/* ms before answering a PADI */
};

struct nl_config {
	/* Device and transport. */
	char device[256];		/* tty path; "" = none given */
	unsigned int speed;		/* 0 = leave as is */
	char pty_cmd[1024];		/* pty "command"; "" = none */
	bool notty;			/* stdin/stdout */
	bool crtscts, xonxoff;		/* flow control (nocrtscts clears) */
	bool local;			/* ignore modem control lines (default: modem) */
	bool lock;			/* UUCP lock file */
	bool sync;			/* synchronous HDLC: the device frames (pppd's sync) */
	char socket[256];		/* pppd's `socket HOST:PORT`: PPP over TCP; "" = none */

	/* Server: `listen [ADDR:]PORT` accepts PPP over TCP, one session each. */
	char listen[256];		/* "" = not a server */
	uint32_t pool_first, pool_last;	/* remote-ip-pool, host order; 0 = none */
	unsigned int max_sessions;	/* 0 = no limit */
	unsigned int max_per_source;	/* sessions per peer address, 0 = no limit */
	char ctl_socket[256];		/* control socket path; "" = <run_dir>/nlpppd/<pid>.sock */
	bool noctl;			/* no control socket */

	/* Process. */
	bool nodetach, updetach;
	bool up_sdnotify;		/* READY=1 to $NOTIFY_SOCKET when the network phase is reached */
	bool persist;
	unsigned int maxfail;		/* default 10; 0 = forever */
	unsigned int holdoff;		/* seconds before redial, default 0 */
	unsigned int idle;		/* seconds idle before disconnect, 0 = off */
	unsigned int maxconnect;	/* seconds, 0 = off */
	bool dryrun;
	enum nl_dp_kind dataplane;

	/* Framing and LCP. */
	uint32_t asyncmap;		/* receive ACCM we ask for, default 0 */
	bool asyncmap_set;		/* asyncmap given (pppd: default ask 0) */
	bool default_asyncmap;		/* default-asyncmap: no ACCM negotiation */
	uint32_t escape[8];		/* extra transmit escapes (escape option) */
	unsigned int mru;		/* 0 = don't negotiate (default 1500 implied) */
	unsigned int mtu;		/* 0 = from the peer's MRU */
	bool noaccomp, nopcomp, nomagic;
	unsigned int lcp_echo_interval;	/* seconds, 0 = off */
	unsigned int lcp_echo_failure;	/* 0 = off */
	struct nl_fsm_conf lcp, ipcp, ipv6cp;
	bool passive, silent;

	/* IPCP. */
	struct in_addr local_ip, remote_ip;	/* 0 = not set */
	bool noipdefault;
	bool ipcp_accept_local, ipcp_accept_remote;
	bool noip;
	bool defaultroute, replacedefaultroute;
	bool usepeerdns;
	struct in_addr ms_dns[2], ms_wins[2];
	bool novj, novjccomp;		/* VJ (RFC 1144) off; slot-id compression off */
	unsigned int vj_max_slots;	/* vj-max-slots, 2..16, default 16 (pppd) */

	/* IPv6CP. */
	bool ipv6;			/* +ipv6 given, default off (pppd) */
	uint64_t ipv6_local_id, ipv6_remote_id;	/* 0 = random / peer's; bytes 8-15 of "::a:b:c:d" as a big-endian number */
	bool ipv6cp_accept_local;

	/* Compression and encryption: CCP (RFC 1962), MPPE (RFC 3078). */
	bool noccp;			/* noccp: CCP Protocol-Rejected */
	unsigned int ccp_methods;	/* PPP_CCP_* we run, either way */
	uint8_t deflate_rx, deflate_tx;	/* deflate N,M: windows, 0 = not that way */
	uint8_t bsd_rx, bsd_tx;		/* bsdcomp N,M */
	uint32_t mppe_keys;		/* PPP_MPPE_OPT_{S,L}: set = MPPE required */
	bool mppe_stateful;		/* mppe-stateful: accept stateful MPPE */

	/* Authentication. */
	bool auth;			/* require the peer to authenticate */
	bool require_pap, require_chap, require_mschap, require_mschap_v2;
	bool refuse_pap, refuse_chap, refuse_mschap, refuse_mschap_v2;
	bool chapms_strip_domain;	/* look up DOMAIN\\user's secret as user */
	char user[256];			/* our name when we authenticate */
	char password[256];		/* PAP/CHAP secret from the command line */
	char name[256];			/* our name for the secrets lookup */
	char remotename[256];		/* the peer's name for the secrets lookup */
	unsigned int pap_restart, pap_max_authreq, pap_timeout;	/* 3, 10, 30 */
	unsigned int chap_restart, chap_max_challenge, chap_interval;	/* 3, 10, 0 */
	bool chap_allow_own_name;	/* answer/accept CHAP naming us (reflection) */

	/* Naming, scripts, logging. */
	char ipparam[256];
	char linkname[64];
	char ifname[16];		/* "" = pppN */
	int unit;			/* -1 = first free */
	bool debug;
	unsigned int kdebug;
	char logfile[256];
	bool dump;

	/* Where the files live (tests point these into a temporary tree). */
	char etc_ppp[256];		/* default /etc/ppp */
	char run_dir[256];		/* pid files, default /run */
	char lock_dir[256];		/* default /var/lock */

	struct nl_pppoe_conf pppoe;
};

/* Fill @c with pppd's defaults. */
void nl_config_defaults(struct nl_config *c);

/*
 * Parse the command line the way pppd does: /etc/ppp/options first, then
 * ~/.ppprc, then the arguments (with "file" and "call" read in place), then
 * /etc/ppp/options.<ttyname> once the device is known. On error prints one
 * line to stderr naming the option, file and line, and the problem, and
 * returns -EINVAL (the caller exits with status 2).
 */
int nl_config_parse_argv(struct nl_config *c, int argc, char **argv);

/*
 * Parse an options file's text (quoting and # comments as pppd), applying
 * each option. @origin names the file in error messages. Returns 0 or -EINVAL.
 */
int nl_config_parse_text(struct nl_config *c, const char *text, size_t len,
			 const char *origin, int depth);

/* Read and parse an options file; a missing file is an error unless @optional. */
int nl_config_parse_file(struct nl_config *c, const char *path, bool optional,
			 int depth);

/*
 * Cross-option rules pppd enforces after parsing (pty with notty or a device,
 * equal local and remote addresses, ...). Prints one line and returns -EINVAL
 * on a violation. nl_config_parse_argv calls it last.
 */
int nl_config_check(const struct nl_config *c);

/*
 * The word syntax shared by options and secrets files: words separated by
 * whitespace, "#" comments, '...' and "..." quoting, backslash escapes.
 */
struct nl_words {
	const char *p, *end;
	unsigned int line;	/* line the scanner is on (1-based) */
	unsigned int word_line;	/* line where the last word started */
	bool newline;		/* the last word is the first of its line */
	bool at_line_start;	/* internal: no word yet on this line */
};

void nl_words_init(struct nl_words *w, const char *text, size_t len);
/*
 * Copy the next word into @buf (NUL-terminated). Returns 1, 0 at the end,
 * -EINVAL for an unterminated quote, -EILSEQ for a NUL byte in a word
 * (raw or escaped), -E2BIG if the word does not fit in @size.
 */
int nl_words_next(struct nl_words *w, char *buf, size_t size);

#endif
