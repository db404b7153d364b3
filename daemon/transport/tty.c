// SPDX-License-Identifier: GPL-2.0
/*
 * A serial line: UUCP lock, raw 8N1 termios at the configured speed, flow
 * control, and the modem lines. Opened non-blocking so a modem without
 * carrier cannot stall us in open(); with `modem` (the default) CLOCAL is
 * cleared so losing carrier hangs the line up, and HUPCL drops DTR when
 * the last user closes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "transport/internal.h"

/* How long DTR stays low on hang up; modems want well over 100 ms. */
#define NL_TTY_HANGUP_NS 500000000L

static const struct {
	unsigned int rate;
	speed_t code;
} nl_tty_speeds[] = {
	{ 50, B50 }, { 75, B75 }, { 110, B110 }, { 134, B134 }, { 150, B150 },
	{ 200, B200 }, { 300, B300 }, { 600, B600 }, { 1200, B1200 },
	{ 1800, B1800 }, { 2400, B2400 }, { 4800, B4800 }, { 9600, B9600 },
	{ 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 },
	{ 115200, B115200 }, { 230400, B230400 }, { 460800, B460800 },
	{ 500000, B500000 }, { 576000, B576000 }, { 921600, B921600 },
	{ 1000000, B1000000 }, { 1152000, B1152000 }, { 1500000, B1500000 },
	{ 2000000, B2000000 }, { 2500000, B2500000 }, { 3000000, B3000000 },
	{ 3500000, B3500000 }, { 4000000, B4000000 },
};

static int speed_code(unsigned int rate, speed_t *code)
{
	size_t i;

	for (i = 0; i < sizeof(nl_tty_speeds) / sizeof(nl_tty_speeds[0]); i++) {
		if (nl_tty_speeds[i].rate == rate) {
			*code = nl_tty_speeds[i].code;
			return 0;
		}
	}
	return -EINVAL;
}

static void configure(struct termios *tio, const struct nl_config *c, speed_t speed)
{
	nl_termios_raw(tio);
	if (c->local) {
		tio->c_cflag |= CLOCAL;
	} else {
		tio->c_cflag &= ~CLOCAL;
		tio->c_cflag |= HUPCL;
	}
	if (c->crtscts)
		tio->c_cflag |= CRTSCTS;
	else
		tio->c_cflag &= ~CRTSCTS;
	if (c->xonxoff) {
		tio->c_iflag |= IXON | IXOFF;
		tio->c_cc[VSTART] = 0x11;	/* DC1, ^Q */
		tio->c_cc[VSTOP] = 0x13;	/* DC3, ^S */
	}
	if (c->speed) {
		cfsetospeed(tio, speed);
		cfsetispeed(tio, speed);
	}
}

int nl_tty_open(struct nl_transport *t, const struct nl_config *c)
{
	struct termios tio;
	speed_t speed = B0;
	const char *dev = c->device;
	char stdin_tty[256];
	int fd, err;

	if (!*dev) {
		/* pppd's default: the terminal we were started on. */
		if (!isatty(0) || ttyname_r(0, stdin_tty, sizeof(stdin_tty))) {
			nl_err("transport: no device given and stdin is not a terminal;"
			       " name a tty, or use pty \"command\" or notty");
			return -ENODEV;
		}
		dev = stdin_tty;
	}
	if (c->speed && speed_code(c->speed, &speed)) {
		nl_err("device %s: unsupported speed %u", dev, c->speed);
		return -EINVAL;
	}
	snprintf(t->devname, sizeof(t->devname), "%s", dev);

	if (c->lock) {
		char path[512];

		err = nl_lock_acquire(c->lock_dir, dev, path, sizeof(path));
		if (err)
			return err;
		t->lockfile = strdup(path);
		if (!t->lockfile) {
			nl_lock_release(path);
			return -ENOMEM;
		}
	}

	fd = open(dev, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		nl_err("device %s: cannot open: %s", dev, strerror(errno));
		goto err_unlock;
	}
	if (!isatty(fd)) {
		err = -ENOTTY;
		nl_err("device %s: not a terminal; use pty or notty for other streams", dev);
		goto err_close;
	}
	if (tcgetattr(fd, &t->saved) < 0) {
		err = -errno;
		nl_err("device %s: cannot read line settings: %s", dev, strerror(errno));
		goto err_close;
	}
	tio = t->saved;
	configure(&tio, c, speed);
	if (cfgetospeed(&tio) == B0) {
		err = -EINVAL;
		nl_err("device %s: line speed is 0; give a speed", dev);
		goto err_close;
	}
	if (tcsetattr(fd, TCSAFLUSH, &tio) < 0) {
		err = -errno;
		nl_err("device %s: cannot set line settings: %s", dev, strerror(errno));
		goto err_close;
	}

	t->kind = NL_TRANSPORT_TTY;
	t->rfd = t->wfd = fd;
	t->restore = true;
	t->is_tty = true;
	t->modem = !c->local;
	nl_dbg("device %s: opened, speed %u%s%s%s", dev, c->speed,
	       c->local ? ", local" : ", modem", c->crtscts ? ", crtscts" : "",
	       c->xonxoff ? ", xonxoff" : "");
	return 0;

err_close:
	close(fd);
err_unlock:
	nl_lock_release(t->lockfile);
	free(t->lockfile);
	t->lockfile = NULL;
	return err;
}

/* Drop DTR for a moment so a modem hangs up; no-op on lines without it. */
static void hangup(int fd)
{
	int dtr = TIOCM_DTR;
	struct timespec ts = { 0, NL_TTY_HANGUP_NS };

	if (ioctl(fd, TIOCMBIC, &dtr) < 0)
		return;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

void nl_tty_close(struct nl_transport *t)
{
	int fd = t->rfd;

	if (fd >= 0) {
		/* Unsent bytes must not hold up the hang up (flow control). */
		tcflush(fd, TCIOFLUSH);
		if (t->modem)
			hangup(fd);
		if (t->restore && tcsetattr(fd, TCSANOW, &t->saved) < 0)
			nl_dbg("device %s: cannot restore line settings: %s",
			       t->devname, strerror(errno));
		close(fd);
	}
	nl_lock_release(t->lockfile);
	free(t->lockfile);
	t->lockfile = NULL;
}
