// SPDX-License-Identifier: GPL-2.0
/*
 * pty_bench: the raw throughput of a pty pair, the ceiling of any PPP link
 * run over one. A child writes 64 KiB blocks into the master for SECS
 * seconds; the parent reads the slave (raw mode) and counts. Prints
 * "pty MBIT_PER_S" (payload bits, as iperf3 reports them).
 *
 *   pty_bench [SECS]      (default 8)
 */
#include <errno.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char buf[64 * 1024];
	double secs = argc > 1 ? atof(argv[1]) : 8, t0, t = 0;
	unsigned long long total = 0;
	struct termios tio;
	int master, slave;
	pid_t pid;

	if (secs <= 0 || secs > 600) {
		fprintf(stderr, "usage: pty_bench [SECS (0-600]]\n");
		return 2;
	}
	if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
		perror("pty_bench: openpty");
		return 1;
	}
	/* Raw both ways, as a PPP daemon sets its tty. */
	tcgetattr(slave, &tio);
	cfmakeraw(&tio);
	tcsetattr(slave, TCSANOW, &tio);
	memset(buf, 0x5a, sizeof(buf));

	pid = fork();
	if (pid < 0) {
		perror("pty_bench: fork");
		return 1;
	}
	if (pid == 0) {
		close(slave);
		for (;;)
			if (write(master, buf, sizeof(buf)) < 0 && errno != EINTR)
				_exit(0);
	}
	close(master);
	t = t0 = now();
	do {
		ssize_t n = read(slave, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += n;
		t = now();
	} while (t - t0 < secs);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	printf("pty %.1f\n", total * 8 / (t - t0) / 1e6);
	return 0;
}
