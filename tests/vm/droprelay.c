// SPDX-License-Identifier: GPL-2.0
/*
 * droprelay EVERY CMD [ARG...]: run CMD with its stdin and stdout on a
 * socket pair and relay an async HDLC byte stream between it and our own
 * stdin/stdout, losing on purpose, in each direction, every EVERY-th frame
 * longer than 200 bytes (data: negotiation frames are shorter and all get
 * through). Frames end at a 0x7e flag, which async HDLC never carries
 * inside one. Each loss is a line on stderr, "droprelay: dropped in|out N"
 * (towards CMD, from it; N so far). For tests/vm/interop_pppd.sh: a pty
 * peer's command line becomes "droprelay N pppd notty ...".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

enum { FRAME_MAX = 16384, DATA_LEN = 200 };

struct dir {
	int in, out;
	unsigned char frame[FRAME_MAX];
	size_t len;
	unsigned long big, dropped;
};

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Bytes in: whole frames out, every @every-th long one lost. */
static int relay(struct dir *d, unsigned long every)
{
	unsigned char buf[4096];
	ssize_t n = read(d->in, buf, sizeof(buf));
	ssize_t i;

	if (n <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		d->frame[d->len++] = buf[i];
		if (buf[i] != 0x7e && d->len < FRAME_MAX)
			continue;
		if (buf[i] == 0x7e && d->len > DATA_LEN && ++d->big % every == 0) {
			d->dropped++;
			fprintf(stderr, "droprelay: dropped %s %lu\n", d->in ? "out" : "in",
				d->dropped);
			d->frame[0] = 0x7e;	/* keep the flag: the next frame starts clean */
			d->len = 1;
		}
		if (write_all(d->out, d->frame, d->len) < 0)
			return -1;
		d->len = 0;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct dir to = { .in = 0 }, from = { .out = 1 };
	struct pollfd p[2];
	unsigned long every;
	int sv[2], status = 0;
	pid_t pid;

	if (argc < 3 || !(every = strtoul(argv[1], NULL, 10))) {
		fprintf(stderr, "usage: droprelay EVERY CMD [ARG...]\n");
		return 2;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		perror("droprelay: socketpair");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	pid = fork();
	if (pid < 0) {
		perror("droprelay: fork");
		return 1;
	}
	if (!pid) {
		close(sv[0]);
		dup2(sv[1], 0);
		dup2(sv[1], 1);
		close(sv[1]);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[2], argv + 2);
		perror("droprelay: exec");
		_exit(127);
	}
	close(sv[1]);
	to.out = sv[0];
	from.in = sv[0];
	p[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = sv[0], .events = POLLIN };
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents && relay(&to, every) < 0)
			break;
		if (p[1].revents && relay(&from, every) < 0)
			break;
	}
	close(sv[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
