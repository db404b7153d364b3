// SPDX-License-Identifier: GPL-2.0
/*
 * notty: PPP over our stdin and stdout, for links made by something else
 * (ssh, socat, a chat script). The file descriptions are shared with
 * whoever started us, so O_NONBLOCK and any terminal settings we change
 * are put back on close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "transport/internal.h"

static int make_raw(int fd, struct termios *saved)
{
	struct termios tio;

	if (tcgetattr(fd, saved) < 0)
		return -errno;
	tio = *saved;
	nl_termios_raw(&tio);
	if (tcsetattr(fd, TCSAFLUSH, &tio) < 0)
		return -errno;
	return 0;
}

static bool same_tty(int a, int b)
{
	struct stat sa, sb;

	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	       S_ISCHR(sa.st_mode) && sa.st_rdev == sb.st_rdev;
}

int nl_stdio_open(struct nl_transport *t, const struct nl_config *c)
{
	int fds[2] = { 0, 1 };
	int i, err;

	snprintf(t->devname, sizeof(t->devname), "notty");
	for (i = 0; i < 2; i++) {
		t->saved_fl[i] = fcntl(fds[i], F_GETFL);
		if (t->saved_fl[i] < 0) {
			err = -errno;
			nl_err("notty: %s is not open: %s", i ? "stdout" : "stdin",
			       strerror(errno));
			return err;
		}
	}
	if (isatty(0)) {
		err = make_raw(0, &t->saved);
		if (err) {
			nl_err("notty: cannot make the terminal on stdin raw: %s",
			       strerror(-err));
			return err;
		}
		t->restore = true;
		t->is_tty = true;
	}
	if (isatty(1) && !(t->restore && same_tty(0, 1))) {
		err = make_raw(1, &t->saved_out);
		if (err) {
			nl_err("notty: cannot make the terminal on stdout raw: %s",
			       strerror(-err));
			goto err_restore;
		}
		t->restore_out = true;
	}
	for (i = 0; i < 2; i++) {
		if (fcntl(fds[i], F_SETFL, t->saved_fl[i] | O_NONBLOCK) < 0) {
			err = -errno;
			nl_err("notty: cannot make %s non-blocking: %s",
			       i ? "stdout" : "stdin", strerror(errno));
			goto err_flags;
		}
	}
	t->kind = NL_TRANSPORT_STDIO;
	t->rfd = 0;
	t->wfd = 1;
	return 0;

err_flags:
	fcntl(0, F_SETFL, t->saved_fl[0]);
	fcntl(1, F_SETFL, t->saved_fl[1]);
	if (t->restore_out)
		tcsetattr(1, TCSANOW, &t->saved_out);
err_restore:
	if (t->restore)
		tcsetattr(0, TCSANOW, &t->saved);
	t->restore = t->restore_out = false;
	return err;
}

/* stdin/stdout stay open: they are not ours to close. */
void nl_stdio_close(struct nl_transport *t)
{
	if (t->restore && tcsetattr(0, TCSANOW, &t->saved) < 0)
		nl_dbg("notty: cannot restore stdin's terminal: %s", strerror(errno));
	if (t->restore_out && tcsetattr(1, TCSANOW, &t->saved_out) < 0)
		nl_dbg("notty: cannot restore stdout's terminal: %s", strerror(errno));
	fcntl(0, F_SETFL, t->saved_fl[0]);
	fcntl(1, F_SETFL, t->saved_fl[1]);
}
