/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the transport kinds; not part of the daemon's API. */
#ifndef NLPPPD_TRANSPORT_INTERNAL_H
#define NLPPPD_TRANSPORT_INTERNAL_H

#include "transport/transport.h"

int nl_tty_open(struct nl_transport *t, const struct nl_config *c);
void nl_tty_close(struct nl_transport *t);

int nl_pty_open(struct nl_transport *t, const struct nl_config *c);
void nl_pty_close(struct nl_transport *t);

int nl_stdio_open(struct nl_transport *t, const struct nl_config *c);
void nl_stdio_close(struct nl_transport *t);

/* Raw 8-bit line: no echo, no signals, no CR/NL mapping, VMIN 1. */
void nl_termios_raw(struct termios *tio);
/* Set or clear O_NONBLOCK; returns 0 or -errno. */
int nl_fd_set_nonblock(int fd, bool on);

/* Split "host:port" or "[v6]:port". */
int nl_split_hostport(const char *s, char *host, size_t hostsz, char *port, size_t portsz);

#endif
