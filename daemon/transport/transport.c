// SPDX-License-Identifier: GPL-2.0
/*
 * Choosing the transport and the pieces every kind shares. Exactly one of
 * pty "command", notty and a device names the link; with none of them, as
 * with pppd, the terminal on stdin is the device.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "pppoe/iface.h"
#include "transport/internal.h"

void nl_termios_raw(struct termios *tio)
{
	cfmakeraw(tio);
	tio->c_iflag &= ~(IXON | IXOFF | IXANY | INPCK | ISTRIP);
	tio->c_iflag |= IGNBRK;
	tio->c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB);
	tio->c_cflag |= CS8 | CREAD;
	tio->c_cc[VMIN] = 1;
	tio->c_cc[VTIME] = 0;
}

int nl_fd_set_nonblock(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -errno;
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	if (fcntl(fd, F_SETFL, fl) < 0)
		return -errno;
	return 0;
}

int nl_transport_open(struct nl_transport *t, const struct nl_config *c)
{
	int kinds = !!c->pty_cmd[0] + !!c->notty + !!c->device[0] + !!c->socket[0];

	memset(t, 0, sizeof(*t));
	t->rfd = t->wfd = -1;
	if (kinds > 1) {
		nl_err("transport: give only one of pty, notty, socket and a device");
		return -EINVAL;
	}
	if (c->pty_cmd[0])
		return nl_pty_open(t, c);
	if (c->notty)
		return nl_stdio_open(t, c);
	if (c->socket[0])
		return nl_tcp_connect(t, c);
	return nl_tty_open(t, c);
}

void nl_transport_close(struct nl_transport *t)
{
	switch (t->kind) {
	case NL_TRANSPORT_TTY:
		nl_tty_close(t);
		break;
	case NL_TRANSPORT_PTY:
		nl_pty_close(t);
		break;
	case NL_TRANSPORT_STDIO:
		nl_stdio_close(t);
		break;
	case NL_TRANSPORT_TCP:
	case NL_TRANSPORT_PPPOE:
		if (t->rfd >= 0)
			close(t->rfd);
		if (t->pppoe_tie)
			nl_pppoe_tie_release(t->pppoe_tie);
		t->pppoe_tie = NULL;
		break;
	case NL_TRANSPORT_NONE:
		return;
	}
	t->kind = NL_TRANSPORT_NONE;
	t->rfd = t->wfd = -1;
	t->child = 0;
	t->restore = t->restore_out = false;
}

const char *nl_transport_kind_name(const struct nl_transport *t)
{
	switch (t->kind) {
	case NL_TRANSPORT_TTY:
		return "tty";
	case NL_TRANSPORT_PTY:
		return "pty";
	case NL_TRANSPORT_STDIO:
		return "notty";
	case NL_TRANSPORT_TCP:
		return "tcp";
	case NL_TRANSPORT_PPPOE:
		return "pppoe";
	case NL_TRANSPORT_NONE:
		break;
	}
	return "none";
}

void nl_transport_child_gone(struct nl_transport *t)
{
	t->child = 0;
}
