// SPDX-License-Identifier: GPL-2.0
/*
 * UUCP lock files and the transports: a tty (a pty slave stands in for the
 * serial line), pty "command" and notty.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "test.h"
#include "transport/transport.h"

static char lock_dir[64];

static void make_lock_dir(void)
{
	snprintf(lock_dir, sizeof(lock_dir), "/tmp/nlppp-lock.XXXXXX");
	if (!mkdtemp(lock_dir)) {
		perror("mkdtemp");
		exit(2);
	}
}

static void remove_lock_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", lock_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", lock_dir);
}

static int read_file(const char *path, char *buf, size_t sz)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sz - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (int)n;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static void config_init(struct nl_config *c)
{
	memset(c, 0, sizeof(*c));
	c->unit = -1;
	snprintf(c->lock_dir, sizeof(c->lock_dir), "%s", lock_dir);
}

/* A pid that certainly belongs to no process: one we started and reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

/* Read until @want bytes arrived or @ms passed; returns bytes read. */
static size_t read_for(int fd, void *buf, size_t want, int ms)
{
	size_t got = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (got < want && poll(&p, 1, ms) > 0) {
		ssize_t n = read(fd, (char *)buf + got, want - got);

		if (n <= 0)
			break;
		got += n;
	}
	return got;
}

/* Read into @buf (kept NUL-terminated) until it holds @needle or @ms pass. */
static void read_until(int fd, char *buf, size_t sz, const char *needle, int ms)
{
	size_t got = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };

	buf[0] = '\0';
	while (got + 1 < sz && !strstr(buf, needle) && poll(&p, 1, ms) > 0) {
		ssize_t n = read(fd, buf + got, sz - 1 - got);

		if (n <= 0)
			break;
		got += n;
		buf[got] = '\0';
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

TEST(lock_writes_pid_in_ten_columns_to_lck_file)
{
	char path[512], want[512], buf[64], expect[16];

	CHECK_EQ(nl_lock_acquire(lock_dir, "/dev/ttyS0", path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/LCK..ttyS0", lock_dir);
	CHECK(strcmp(path, want) == 0);
	snprintf(expect, sizeof(expect), "%10d\n", (int)getpid());
	CHECK_EQ(read_file(path, buf, sizeof(buf)), 11);
	CHECK(strcmp(buf, expect) == 0);
	nl_lock_release(path);
	CHECK_EQ(access(path, F_OK), -1);
}

TEST(lock_leaves_no_temporary_files_behind)
{
	char path[512], cmd[256], buf[64];
	FILE *p;

	CHECK_EQ(nl_lock_acquire(lock_dir, "ttyUSB1", path, sizeof(path)), 0);
	snprintf(cmd, sizeof(cmd), "ls -A '%s'", lock_dir);
	p = popen(cmd, "r");
	CHECK(p != NULL);
	if (p) {
		CHECK(fgets(buf, sizeof(buf), p) != NULL);
		CHECK(strcmp(buf, "LCK..ttyUSB1\n") == 0);
		CHECK(fgets(buf, sizeof(buf), p) == NULL);
		pclose(p);
	}
	nl_lock_release(path);
}

TEST(lock_refuses_device_held_by_live_pid)
{
	char path[512], lck[512], text[32], buf[64];
	pid_t holder = fork();

	if (holder == 0) {
		pause();
		_exit(0);
	}
	snprintf(lck, sizeof(lck), "%s/LCK..ttyS1", lock_dir);
	snprintf(text, sizeof(text), "%10d\n", (int)holder);
	write_file(lck, text);

	CHECK_EQ(nl_lock_acquire(lock_dir, "/dev/ttyS1", path, sizeof(path)), -EBUSY);
	CHECK_EQ(path[0], '\0');
	/* The holder's lock is untouched. */
	CHECK_EQ(read_file(lck, buf, sizeof(buf)), 11);
	CHECK(strcmp(buf, text) == 0);

	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	unlink(lck);
}

TEST(lock_takes_over_stale_lock_of_dead_pid)
{
	char path[512], lck[512], text[32], buf[64], expect[16];

	snprintf(lck, sizeof(lck), "%s/LCK..ttyS2", lock_dir);
	snprintf(text, sizeof(text), "%10d\n", (int)dead_pid());
	write_file(lck, text);

	CHECK_EQ(nl_lock_acquire(lock_dir, "/dev/ttyS2", path, sizeof(path)), 0);
	snprintf(expect, sizeof(expect), "%10d\n", (int)getpid());
	CHECK_EQ(read_file(lck, buf, sizeof(buf)), 11);
	CHECK(strcmp(buf, expect) == 0);
	nl_lock_release(path);
}

TEST(lock_takes_over_lock_file_with_garbage)
{
	char path[512], lck[512], buf[64], expect[16];

	snprintf(lck, sizeof(lck), "%s/LCK..ttyS3", lock_dir);
	write_file(lck, "not a pid\n");

	CHECK_EQ(nl_lock_acquire(lock_dir, "ttyS3", path, sizeof(path)), 0);
	snprintf(expect, sizeof(expect), "%10d\n", (int)getpid());
	CHECK_EQ(read_file(lck, buf, sizeof(buf)), 11);
	CHECK(strcmp(buf, expect) == 0);
	nl_lock_release(path);
}

TEST(lock_fails_cleanly_when_lock_dir_is_missing)
{
	char path[512], dir[128];

	snprintf(dir, sizeof(dir), "%s/missing", lock_dir);
	CHECK_EQ(nl_lock_acquire(dir, "ttyS0", path, sizeof(path)), -ENOENT);
	CHECK_EQ(path[0], '\0');
}

TEST(lock_update_rewrites_the_pid)
{
	char path[512], buf[64], expect[16];

	CHECK_EQ(nl_lock_acquire(lock_dir, "ttyS4", path, sizeof(path)), 0);
	write_file(path, "         1\n");
	CHECK_EQ(nl_lock_update(path), 0);
	snprintf(expect, sizeof(expect), "%10d\n", (int)getpid());
	CHECK_EQ(read_file(path, buf, sizeof(buf)), 11);
	CHECK(strcmp(buf, expect) == 0);
	nl_lock_release(path);
	nl_lock_release("");	/* nothing held: no-op */
}

/*
 * Run nl_lock_acquire() on @dev in a child with a 5 s alarm: a hang kills
 * the child instead of the suite. Returns its result (-errno or 0), or
 * -ETIMEDOUT if the alarm fired.
 */
static int acquire_in_child(const char *dev)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		char path[512];
		int r;

		alarm(5);
		r = nl_lock_acquire(lock_dir, dev, path, sizeof(path));
		_exit(r < 0 ? -r : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -ECHILD;
	if (WIFSIGNALED(st))
		return WTERMSIG(st) == SIGALRM ? -ETIMEDOUT : -EINTR;
	return -WEXITSTATUS(st);
}

TEST(lock_refuses_a_fifo_at_the_lock_path_without_hanging)
{
	char lck[512];
	struct stat st;

	snprintf(lck, sizeof(lck), "%s/LCK..ttyS5", lock_dir);
	CHECK_EQ(mkfifo(lck, 0666), 0);
	CHECK_EQ(acquire_in_child("/dev/ttyS5"), -EBUSY);
	/* Left where it is: not ours to remove. */
	CHECK_EQ(lstat(lck, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	unlink(lck);
}

TEST(lock_refuses_a_symlink_at_the_lock_path_and_leaves_its_target_alone)
{
	char lck[512], victim[512], buf[64];
	struct stat st;

	snprintf(lck, sizeof(lck), "%s/LCK..ttyS6", lock_dir);
	snprintf(victim, sizeof(victim), "%s/victim", lock_dir);
	write_file(victim, "precious\n");
	CHECK_EQ(symlink(victim, lck), 0);
	CHECK_EQ(acquire_in_child("ttyS6"), -EBUSY);
	CHECK_EQ(read_file(victim, buf, sizeof(buf)), 9);
	CHECK(strcmp(buf, "precious\n") == 0);
	CHECK_EQ(lstat(lck, &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	/* A dangling one too: nothing gets created at its target. */
	unlink(victim);
	CHECK_EQ(acquire_in_child("ttyS6"), -EBUSY);
	CHECK_EQ(access(victim, F_OK), -1);
	unlink(lck);
}

TEST(lock_refuses_a_directory_at_the_lock_path)
{
	char lck[512];

	snprintf(lck, sizeof(lck), "%s/LCK..ttyS7", lock_dir);
	CHECK_EQ(mkdir(lck, 0755), 0);
	CHECK_EQ(acquire_in_child("ttyS7"), -EBUSY);
	CHECK_EQ(access(lck, F_OK), 0);
	rmdir(lck);
}

TEST(lock_pid_parser_reads_ascii_binary_and_rejects_garbage)
{
	static const struct {
		const char *buf;
		size_t len;
		int pid;
	} v[] = {
		{ "      1234\n", 11, 1234 },
		{ "1234", 4, 0 },	/* four bytes: a binary int */
		{ "  42  \n\n", 8, 42 },
		{ "", 0, 0 },
		{ "-5\n", 3, 0 },
		{ "12ab\n", 5, 0 },
		{ "99999999999999999999\n", 21, 0 },
		{ "1073741824\n", 11, 0 },	/* above the largest pid */
		{ "      1234\n\0garbage", 19, 0 },
		{ "      1234", 10, 1234 },
	};
	int bin = 4321, neg = -1;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int pid = nl_lock_parse_pid(v[i].buf, v[i].len);

		if (i == 1) {
			int want;

			memcpy(&want, "1234", 4);
			CHECK_EQ(pid, want > 0 ? want : 0);
			continue;
		}
		if (pid != v[i].pid)
			fprintf(stderr, "  vector %zu\n", i);
		CHECK_EQ(pid, v[i].pid);
	}
	CHECK_EQ(nl_lock_parse_pid((const char *)&bin, sizeof(bin)), 4321);
	CHECK_EQ(nl_lock_parse_pid((const char *)&neg, sizeof(neg)), 0);
}

TEST(tty_sets_raw_speed_flow_control_and_restores_on_close)
{
	struct nl_config c;
	struct nl_transport t;
	struct termios before, during, after;
	char lck[600], name[128];
	int master, slave;

	CHECK_EQ(openpty(&master, &slave, name, NULL, NULL), 0);
	tcgetattr(slave, &before);
	config_init(&c);
	snprintf(c.device, sizeof(c.device), "%s", name);
	c.speed = 115200;
	c.crtscts = true;
	c.local = true;
	c.lock = true;

	CHECK_EQ(nl_transport_open(&t, &c), 0);
	CHECK_EQ(t.kind, NL_TRANSPORT_TTY);
	CHECK(t.rfd >= 0 && t.rfd == t.wfd);
	CHECK(fcntl(t.rfd, F_GETFL) & O_NONBLOCK);
	CHECK(strcmp(t.devname, name) == 0);
	snprintf(lck, sizeof(lck), "%s/LCK..%s", lock_dir, strrchr(name, '/') + 1);
	CHECK(t.lockfile && strcmp(t.lockfile, lck) == 0);
	CHECK_EQ(access(lck, F_OK), 0);

	CHECK_EQ(tcgetattr(slave, &during), 0);
	CHECK_EQ(cfgetospeed(&during), B115200);
	CHECK_EQ(cfgetispeed(&during), B115200);
	CHECK(during.c_cflag & CRTSCTS);
	CHECK(during.c_cflag & CLOCAL);
	CHECK_EQ(during.c_cflag & CSIZE, CS8);
	CHECK(!(during.c_cflag & PARENB));
	CHECK(!(during.c_lflag & (ICANON | ECHO | ISIG)));
	CHECK(!(during.c_iflag & (ICRNL | IXON)));
	CHECK(!(during.c_oflag & OPOST));

	/* Bytes pass untouched both ways. */
	CHECK_EQ(write(master, "\x7e\xff\r\n", 4), 4);
	{
		char buf[8];

		CHECK_EQ(read_for(t.rfd, buf, 4, 1000), 4);
		CHECK_MEM(buf, "\x7e\xff\r\n", 4);
	}

	nl_transport_close(&t);
	CHECK_EQ(t.kind, NL_TRANSPORT_NONE);
	CHECK_EQ(access(lck, F_OK), -1);
	CHECK_EQ(tcgetattr(slave, &after), 0);
	CHECK_EQ(after.c_lflag, before.c_lflag);
	CHECK_EQ(after.c_cflag, before.c_cflag);
	CHECK_EQ(after.c_iflag, before.c_iflag);
	nl_transport_close(&t);	/* idempotent */
	close(slave);
	close(master);
}

TEST(tty_modem_clears_clocal_and_sets_hupcl_and_xonxoff)
{
	struct nl_config c;
	struct nl_transport t;
	struct termios during;
	char name[128];
	int master, slave;

	CHECK_EQ(openpty(&master, &slave, name, NULL, NULL), 0);
	config_init(&c);
	snprintf(c.device, sizeof(c.device), "%s", name);
	c.speed = 4000000;
	c.xonxoff = true;

	CHECK_EQ(nl_transport_open(&t, &c), 0);
	CHECK(t.lockfile == NULL);	/* no lock asked for */
	CHECK_EQ(tcgetattr(slave, &during), 0);
	CHECK_EQ(cfgetospeed(&during), B4000000);
	CHECK(!(during.c_cflag & CLOCAL));
	CHECK(during.c_cflag & HUPCL);
	CHECK(!(during.c_cflag & CRTSCTS));
	CHECK((during.c_iflag & (IXON | IXOFF)) == (IXON | IXOFF));
	CHECK_EQ(during.c_cc[VSTART], 0x11);
	CHECK_EQ(during.c_cc[VSTOP], 0x13);
	nl_transport_close(&t);
	close(slave);
	close(master);
}

TEST(tty_rejects_unsupported_speed_without_leaving_a_lock)
{
	struct nl_config c;
	struct nl_transport t;
	char name[128], lck[600];
	int master, slave;

	CHECK_EQ(openpty(&master, &slave, name, NULL, NULL), 0);
	config_init(&c);
	snprintf(c.device, sizeof(c.device), "%s", name);
	c.speed = 12345;
	c.lock = true;
	CHECK_EQ(nl_transport_open(&t, &c), -EINVAL);
	snprintf(lck, sizeof(lck), "%s/LCK..%s", lock_dir, strrchr(name, '/') + 1);
	CHECK_EQ(access(lck, F_OK), -1);
	nl_transport_close(&t);
	close(slave);
	close(master);
}

TEST(tty_refuses_a_device_locked_by_another_process)
{
	struct nl_config c;
	struct nl_transport t;
	char name[128], lck[600], text[32];
	int master, slave;
	pid_t holder = fork();

	if (holder == 0) {
		pause();
		_exit(0);
	}
	CHECK_EQ(openpty(&master, &slave, name, NULL, NULL), 0);
	config_init(&c);
	snprintf(c.device, sizeof(c.device), "%s", name);
	c.lock = true;
	snprintf(lck, sizeof(lck), "%s/LCK..%s", lock_dir, strrchr(name, '/') + 1);
	snprintf(text, sizeof(text), "%10d\n", (int)holder);
	write_file(lck, text);
	CHECK_EQ(nl_transport_open(&t, &c), -EBUSY);
	CHECK_EQ(access(lck, F_OK), 0);	/* still the holder's */
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	unlink(lck);
	close(slave);
	close(master);
}

TEST(tty_rejects_a_file_that_is_not_a_terminal)
{
	struct nl_config c;
	struct nl_transport t;

	config_init(&c);
	snprintf(c.device, sizeof(c.device), "/dev/null");
	c.lock = true;
	CHECK_EQ(nl_transport_open(&t, &c), -ENOTTY);
	CHECK(t.lockfile == NULL);
	{
		char lck[600];

		snprintf(lck, sizeof(lck), "%s/LCK..null", lock_dir);
		CHECK_EQ(access(lck, F_OK), -1);
	}
}

TEST(transport_refuses_pty_together_with_a_device)
{
	struct nl_config c;
	struct nl_transport t;

	config_init(&c);
	snprintf(c.device, sizeof(c.device), "/dev/ttyS0");
	snprintf(c.pty_cmd, sizeof(c.pty_cmd), "cat");
	CHECK_EQ(nl_transport_open(&t, &c), -EINVAL);
	CHECK_EQ(t.kind, NL_TRANSPORT_NONE);
}

TEST(close_of_a_zeroed_transport_does_nothing)
{
	struct nl_transport t;

	memset(&t, 0, sizeof(t));
	nl_transport_close(&t);
	/* fd 0 must still be open. */
	CHECK(fcntl(0, F_GETFL) >= 0);
}

TEST(pty_cat_echoes_bytes_and_close_reaps_the_child)
{
	struct nl_config c;
	struct nl_transport t;
	/* All 256 byte values: the slave must be raw. */
	unsigned char out[256], in[256];
	pid_t child;
	int i;

	for (i = 0; i < 256; i++)
		out[i] = (unsigned char)i;
	config_init(&c);
	snprintf(c.pty_cmd, sizeof(c.pty_cmd), "cat");
	CHECK_EQ(nl_transport_open(&t, &c), 0);
	CHECK_EQ(t.kind, NL_TRANSPORT_PTY);
	CHECK(t.child > 0);
	CHECK(t.rfd >= 0 && t.rfd == t.wfd);
	CHECK(fcntl(t.rfd, F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(t.rfd, F_GETFD) & FD_CLOEXEC);
	CHECK(strncmp(t.devname, "/dev/pts/", 9) == 0);

	CHECK_EQ(write(t.wfd, out, sizeof(out)), (ssize_t)sizeof(out));
	CHECK_EQ(read_for(t.rfd, in, sizeof(in), 2000), sizeof(in));
	CHECK_MEM(in, out, sizeof(out));

	child = t.child;
	nl_transport_close(&t);
	CHECK_EQ(t.child, 0);
	errno = 0;
	CHECK_EQ(waitpid(child, NULL, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
}

TEST(pty_command_runs_in_its_own_session_with_stderr_and_no_other_fds)
{
	struct nl_config c;
	struct nl_transport t;
	char buf[128];
	int sid, marker = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC */

	config_init(&c);
	/* Its session id (setsid() makes it its own pid), then the fds it has. */
	snprintf(c.pty_cmd, sizeof(c.pty_cmd),
		 "cut -d' ' -f6 /proc/$$/stat; [ -e /proc/$$/fd/2 ] && echo stderr-kept;"
		 " [ -e /proc/$$/fd/%d ] || echo no-leak; exec cat", marker);
	CHECK_EQ(nl_transport_open(&t, &c), 0);
	read_until(t.rfd, buf, sizeof(buf), "no-leak\n", 2000);
	CHECK_EQ(sscanf(buf, "%d", &sid), 1);
	CHECK_EQ(sid, t.child);
	CHECK(strstr(buf, "stderr-kept\n") != NULL);
	CHECK(strstr(buf, "no-leak\n") != NULL);
	nl_transport_close(&t);
	close(marker);
}

TEST(pty_close_kills_a_command_that_ignores_sigterm)
{
	struct nl_config c;
	struct nl_transport t;
	char buf[8] = "";
	pid_t child;
	double t0;

	config_init(&c);
	snprintf(c.pty_cmd, sizeof(c.pty_cmd),
		 "trap '' TERM HUP; echo ready; exec sleep 100");
	CHECK_EQ(nl_transport_open(&t, &c), 0);
	CHECK_EQ(read_for(t.rfd, buf, 6, 2000), 6);
	CHECK(memcmp(buf, "ready\n", 6) == 0);
	child = t.child;
	t0 = now_s();
	nl_transport_close(&t);
	CHECK(now_s() - t0 < 5.0);
	CHECK_EQ(kill(child, 0), -1);
	errno = 0;
	CHECK_EQ(waitpid(child, NULL, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
}

TEST(pty_close_copes_with_a_child_already_reaped)
{
	struct nl_config c;
	struct nl_transport t;
	char buf[8];

	config_init(&c);
	snprintf(c.pty_cmd, sizeof(c.pty_cmd), "echo bye");
	CHECK_EQ(nl_transport_open(&t, &c), 0);
	read_for(t.rfd, buf, 4, 2000);
	/* What the daemon's SIGCHLD handling does. */
	CHECK_EQ(waitpid(t.child, NULL, 0), t.child);
	nl_transport_child_gone(&t);
	CHECK_EQ(t.child, 0);
	nl_transport_close(&t);
	CHECK_EQ(t.kind, NL_TRANSPORT_NONE);
}

TEST(notty_uses_stdin_stdout_nonblocking_and_restores_flags)
{
	struct nl_config c;
	struct nl_transport t;
	int sp[2], save0, save1, fl0;
	char buf[8];

	CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	fflush(stdout);
	save0 = dup(0);
	save1 = dup(1);
	dup2(sp[0], 0);
	dup2(sp[0], 1);
	fl0 = fcntl(0, F_GETFL);

	config_init(&c);
	c.notty = true;
	CHECK_EQ(nl_transport_open(&t, &c), 0);
	CHECK_EQ(t.kind, NL_TRANSPORT_STDIO);
	CHECK_EQ(t.rfd, 0);
	CHECK_EQ(t.wfd, 1);
	CHECK(strcmp(t.devname, "notty") == 0);
	CHECK(fcntl(0, F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(1, F_GETFL) & O_NONBLOCK);
	CHECK_EQ(write(sp[1], "ab", 2), 2);
	CHECK_EQ(read_for(t.rfd, buf, 2, 1000), 2);
	CHECK_MEM(buf, "ab", 2);
	CHECK_EQ(write(t.wfd, "cd", 2), 2);
	CHECK_EQ(read_for(sp[1], buf, 2, 1000), 2);
	CHECK_MEM(buf, "cd", 2);
	/* Nothing to read: non-blocking, not a hang. */
	errno = 0;
	CHECK_EQ(read(t.rfd, buf, 1), -1);
	CHECK_EQ(errno, EAGAIN);
	nl_transport_close(&t);
	CHECK_EQ(fcntl(0, F_GETFL), fl0);
	CHECK(fcntl(0, F_GETFL) >= 0);	/* not closed */

	dup2(save0, 0);
	dup2(save1, 1);
	close(save0);
	close(save1);
	close(sp[0]);
	close(sp[1]);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	make_lock_dir();
	RUN(lock_writes_pid_in_ten_columns_to_lck_file);
	RUN(lock_leaves_no_temporary_files_behind);
	RUN(lock_refuses_device_held_by_live_pid);
	RUN(lock_takes_over_stale_lock_of_dead_pid);
	RUN(lock_takes_over_lock_file_with_garbage);
	RUN(lock_fails_cleanly_when_lock_dir_is_missing);
	RUN(lock_update_rewrites_the_pid);
	RUN(lock_refuses_a_fifo_at_the_lock_path_without_hanging);
	RUN(lock_refuses_a_symlink_at_the_lock_path_and_leaves_its_target_alone);
	RUN(lock_refuses_a_directory_at_the_lock_path);
	RUN(lock_pid_parser_reads_ascii_binary_and_rejects_garbage);
	RUN(tty_sets_raw_speed_flow_control_and_restores_on_close);
	RUN(tty_modem_clears_clocal_and_sets_hupcl_and_xonxoff);
	RUN(tty_rejects_unsupported_speed_without_leaving_a_lock);
	RUN(tty_refuses_a_device_locked_by_another_process);
	RUN(tty_rejects_a_file_that_is_not_a_terminal);
	RUN(transport_refuses_pty_together_with_a_device);
	RUN(close_of_a_zeroed_transport_does_nothing);
	RUN(pty_cat_echoes_bytes_and_close_reaps_the_child);
	RUN(pty_command_runs_in_its_own_session_with_stderr_and_no_other_fds);
	RUN(pty_close_kills_a_command_that_ignores_sigterm);
	RUN(pty_close_copes_with_a_child_already_reaped);
	RUN(notty_uses_stdin_stdout_nonblocking_and_restores_flags);
	remove_lock_dir();
	return test_summary();
}
