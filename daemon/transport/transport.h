/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The byte stream a link runs over: a serial tty (raw termios, speed, flow
 * control, modem lines, UUCP lock), a pty whose slave runs a command
 * (pppd's `pty "command"`), or stdin/stdout (`notty`).
 */
#ifndef NLPPPD_TRANSPORT_H
#define NLPPPD_TRANSPORT_H

#include <stdbool.h>
#include <sys/types.h>
#include <termios.h>

struct nl_config;
struct nl_pppoe_tie;

enum nl_transport_kind {
	NL_TRANSPORT_NONE,	/* closed (a zeroed struct is closed) */
	NL_TRANSPORT_TTY,
	NL_TRANSPORT_PTY,
	NL_TRANSPORT_STDIO,
	NL_TRANSPORT_TCP,	/* `socket HOST:PORT`, or a connection `listen` accepted */
	NL_TRANSPORT_PPPOE,	/* a PPPoE session (pppoe/iface.h): frames over a socketpair,
				 * or on the kernel plane no fd and a tie */
};

struct nl_transport {
	enum nl_transport_kind kind;
	int rfd;		/* read side, non-blocking */
	int wfd;		/* write side, non-blocking (== rfd except notty) */
	pid_t child;		/* pty command, 0 if none */
	char devname[256];	/* "/dev/ttyS0", "/dev/pts/3", "notty": for scripts and logs */
	char peer[48];		/* the far end when the device does not say (PPPoE:
				 * "MAC session ID"), for nlpppctl; "" = none */
	char *lockfile;		/* the UUCP lock held (malloc'd), or NULL */
	struct termios saved;	/* line settings to restore */
	bool restore;
	bool is_tty;
	bool packet;		/* carries whole frames (PPPoE): no HDLC framing */
	unsigned int mtu;	/* largest PPP frame it carries (PPPoE: 1492, or RFC 4638's
				 * PPP-Max-Payload); 0: no limit of its own */
	/* PPPoE: the session, for the kernel plane's link, and its tie to the
	 * session (which says when either side ends it). */
	int pppoe_ifindex;
	unsigned char pppoe_peer[6];
	unsigned short pppoe_sid;
	struct nl_pppoe_tie *pppoe_tie;
	bool modem;		/* tty: hang up (drop DTR) on close */
	/* notty: stdin/stdout are shared with whoever started us, so put
	 * back their file status flags and stdout's line settings too. */
	int saved_fl[2];
	struct termios saved_out;
	bool restore_out;
};

/*
 * Open the transport @c describes: c->pty_cmd, c->notty, or c->device (with
 * c->speed, crtscts/xonxoff, local/modem, lock under c->lock_dir). On error
 * logs one line naming the device and the cause and returns -errno.
 */
int nl_transport_open(struct nl_transport *t, const struct nl_config *c);

/*
 * Hang up and release: drop DTR (modem), restore termios, kill and reap
 * the pty command, remove the lock file, close the fds. Idempotent.
 */
void nl_transport_close(struct nl_transport *t);

/* "tty", "pty", "notty", "tcp". */
const char *nl_transport_kind_name(const struct nl_transport *t);

/* Connect to c->socket ("HOST:PORT", pppd's `socket`). */
int nl_tcp_connect(struct nl_transport *t, const struct nl_config *c);
/* Wrap a connection a server accepted; @devname names it in logs and scripts. */
void nl_transport_from_socket(struct nl_transport *t, int fd, const char *devname);

/* The pty child exited (SIGCHLD seen for t->child): forget it. */
void nl_transport_child_gone(struct nl_transport *t);

/* UUCP lock files (LCK..ttyS0 holding the pid in 10 ASCII columns). Stale locks of dead pids are removed. */
int nl_lock_acquire(const char *lock_dir, const char *dev, char *path, size_t pathsz);
void nl_lock_release(const char *path);
/*
 * The pid in the @len bytes of a lock file: ten ASCII columns (spaces and
 * newlines around it allowed) or a binary int of sizeof(int) bytes; 0 for
 * anything else (a stale or garbage lock).
 */
int nl_lock_parse_pid(const char *buf, size_t len);
/* Rewrite a held lock with the current pid (after fork()ing to detach). */
int nl_lock_update(const char *path);

#endif
