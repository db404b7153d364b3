// SPDX-License-Identifier: GPL-2.0
/*
 * pty "command": the command runs in its own session with a raw pty slave
 * as stdin and stdout; we talk PPP on the master. stderr stays ours so
 * the command's complaints reach the user. A command that ignores
 * SIGTERM gets SIGKILL after a short grace, so closing never hangs.
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "event.h"
#include "log.h"
#include "transport/internal.h"

/* Grace between SIGTERM and SIGKILL, checked every NL_PTY_POLL_MS. */
enum { NL_PTY_GRACE_MS = 1000, NL_PTY_POLL_MS = 10 };

/* After fork(): only async-signal-safe calls from here to exec. */
static void __attribute__((noreturn)) run_child(int slave, const char *cmd)
{
	static const char msg[] = "nlpppd: cannot run pty command: /bin/sh: exec failed\n";

	setsid();
	ioctl(slave, TIOCSCTTY, 0);	/* a controlling tty for ssh & co. */
	if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0)
		_exit(127);
	if (slave > 2)
		close(slave);
	/* Nothing of ours leaks into the command: no fds, masks, ignores. */
	if (close_range(3, ~0U, 0) < 0) {
		long max = sysconf(_SC_OPEN_MAX);

		for (int fd = 3; fd < (max > 0 ? max : 1024); fd++)
			close(fd);
	}
	nl_signals_reset_for_exec();

	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(127);
	_exit(127);
}

int nl_pty_open(struct nl_transport *t, const struct nl_config *c)
{
	struct termios tio;
	int master, slave, err;
	pid_t pid;

	if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
		err = -errno;
		nl_err("pty: cannot allocate a pseudo-terminal: %s", strerror(errno));
		return err;
	}
	if (ptsname_r(master, t->devname, sizeof(t->devname)))
		snprintf(t->devname, sizeof(t->devname), "pty");
	/* Raw on both sides: PPP frames are binary, not lines of text. */
	if (tcgetattr(slave, &tio) == 0) {
		nl_termios_raw(&tio);
		tio.c_cflag |= CLOCAL;
		tcsetattr(slave, TCSANOW, &tio);
	}
	if (tcgetattr(master, &tio) == 0) {
		nl_termios_raw(&tio);
		tcsetattr(master, TCSANOW, &tio);
	}
	if (fcntl(master, F_SETFD, FD_CLOEXEC) < 0 || nl_fd_set_nonblock(master, true)) {
		err = -errno;
		nl_err("pty %s: cannot make the master non-blocking: %s",
		       t->devname, strerror(errno));
		goto err_close;
	}

	pid = fork();
	if (pid < 0) {
		err = -errno;
		nl_err("pty %s: cannot fork for the pty command: %s", t->devname,
		       strerror(errno));
		goto err_close;
	}
	if (pid == 0)
		run_child(slave, c->pty_cmd);

	/* Only the child holds the slave now: its exit reads as EIO/hangup. */
	close(slave);
	t->kind = NL_TRANSPORT_PTY;
	t->rfd = t->wfd = master;
	t->child = pid;
	t->is_tty = true;
	/* The command itself is not logged: it may carry credentials. */
	nl_dbg("pty %s: started the pty command as pid %d", t->devname, (int)pid);
	return 0;

err_close:
	close(slave);
	close(master);
	return err;
}

/* Reap @pid if it has exited: 1 gone (or reaped by someone else), 0 not yet. */
static int reaped(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, WNOHANG);
	while (r < 0 && errno == EINTR);
	return r == pid || (r < 0 && errno == ECHILD);
}

static void signal_child(pid_t pid, int sig)
{
	/* The whole session: sh may have forked the real command. */
	if (kill(-pid, sig) < 0)
		kill(pid, sig);
}

void nl_pty_close(struct nl_transport *t)
{
	pid_t pid = t->child;
	struct timespec tick = { 0, NL_PTY_POLL_MS * 1000000L };
	int waited;

	if (pid > 0 && !reaped(pid))
		signal_child(pid, SIGTERM);
	else
		pid = 0;
	if (t->rfd >= 0)
		close(t->rfd);	/* and the command sees its tty hang up */
	if (pid <= 0)
		goto out;
	for (waited = 0; waited < NL_PTY_GRACE_MS; waited += NL_PTY_POLL_MS) {
		if (reaped(pid))
			goto out;
		nanosleep(&tick, NULL);
	}
	nl_warn("pty %s: command pid %d ignored SIGTERM; killing it",
		t->devname, (int)pid);
	signal_child(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
out:
	t->child = 0;
}
