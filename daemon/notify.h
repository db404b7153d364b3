/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The service manager's readiness protocol (sd_notify(3)), spoken without
 * libsystemd: one datagram to the socket named by $NOTIFY_SOCKET.
 */
#ifndef NLPPPD_NOTIFY_H
#define NLPPPD_NOTIFY_H

/*
 * Send @state (e.g. "READY=1") to $NOTIFY_SOCKET. Returns 1 if sent, 0 if
 * no service manager asked for it (the variable is unset), or -errno.
 */
int nl_notify(const char *state);

#endif
