// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "script.h"
#include "session.h"

enum { MAX_ENV = 48 };

struct envbuf {
	char *v[MAX_ENV + 1];
	int n;
};

static void env_add(struct envbuf *e, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void env_add(struct envbuf *e, const char *key, const char *fmt, ...)
{
	char val[512];
	va_list ap;

	if (e->n >= MAX_ENV)
		return;
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	if (asprintf(&e->v[e->n], "%s=%s", key, val) >= 0)
		e->n++;
}

static void env_free(struct envbuf *e)
{
	while (e->n > 0)
		free(e->v[--e->n]);
}

pid_t nl_script_run(struct nl_session *s, const char *name,
		    const char *const *args, const char *const *extra)
{
	const struct nl_config *c = s->cfg;
	char path[512];
	const char *argv[16];
	struct envbuf env = { 0 };
	int i, n = 0;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", c->etc_ppp, name);
	if (access(path, X_OK) < 0)
		return 0;

	argv[n++] = path;
	for (i = 0; args && args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;

	env_add(&env, "PATH", "%s", "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin");
	env_add(&env, "IFNAME", "%s", s->dp.ifname);
	env_add(&env, "DEVICE", "%s", s->tr.devname);
	env_add(&env, "SPEED", "%u", c->speed);
	env_add(&env, "PPPD_PID", "%d", (int)getpid());
	env_add(&env, "PPPLOGNAME", "%s", getenv("LOGNAME") ? getenv("LOGNAME") : "root");
	env_add(&env, "ORIG_UID", "%d", (int)getuid());
	env_add(&env, "LINKNAME", "%s", c->linkname);
	env_add(&env, "IPPARAM", "%s", c->ipparam);
	if (s->peer_name[0])
		env_add(&env, "PEERNAME", "%s", s->peer_name);
	env_add(&env, "CONNECT_TIME", "%llu",
		(unsigned long long)((nl_now_ms() - s->link_start) / 1000));
	env_add(&env, "BYTES_SENT", "%llu", (unsigned long long)s->ctr.tx_ip_bytes);
	env_add(&env, "BYTES_RCVD", "%llu", (unsigned long long)s->ctr.rx_ip_bytes);
	for (i = 0; extra && extra[i] && env.n < MAX_ENV; i++)
		env.v[env.n++] = strdup(extra[i]);
	env.v[env.n] = NULL;

	pid = fork();
	if (pid < 0) {
		int err = -errno;

		nl_err("%s: cannot fork: %s", path, strerror(errno));
		env_free(&env);
		return err;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		setsid();
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		closefrom(3);
		execve(path, (char *const *)argv, env.v);
		_exit(127);
	}
	nl_dbg("Script %s started (pid %d)", path, (int)pid);
	env_free(&env);
	return pid;
}

int nl_script_wait_all(unsigned int ms)
{
	uint64_t end = nl_now_ms() + ms;

	for (;;) {
		pid_t pid = waitpid(-1, NULL, WNOHANG);

		if (pid < 0)
			return 0;	/* ECHILD: none left */
		if (pid > 0)
			continue;
		if (nl_now_ms() >= end)
			return 1;
		usleep(20000);
	}
}

static void resolv_path(struct nl_session *s, char *buf, size_t sz, const char *suffix)
{
	snprintf(buf, sz, "%s/resolv.conf%s", s->cfg->etc_ppp, suffix);
}

int nl_resolv_write(struct nl_session *s, uint32_t dns1, uint32_t dns2)
{
	char path[512], tmp[520], save[520], a[INET_ADDRSTRLEN];
	struct in_addr in;
	FILE *f;

	resolv_path(s, path, sizeof(path), "");
	resolv_path(s, tmp, sizeof(tmp), ".tmp");
	resolv_path(s, save, sizeof(save), ".nlpppd-saved");
	/* Keep the file that was there before us, once. */
	if (!s->resolv_written && access(path, F_OK) == 0 && access(save, F_OK) < 0)
		rename(path, save);
	f = fopen(tmp, "we");
	if (!f) {
		nl_err("%s: %s", tmp, strerror(errno));
		return -errno;
	}
	if (dns1) {
		in.s_addr = htonl(dns1);
		fprintf(f, "nameserver %s\n", inet_ntop(AF_INET, &in, a, sizeof(a)));
	}
	if (dns2) {
		in.s_addr = htonl(dns2);
		fprintf(f, "nameserver %s\n", inet_ntop(AF_INET, &in, a, sizeof(a)));
	}
	fchmod(fileno(f), 0644);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		nl_err("%s: %s", path, strerror(errno));
		unlink(tmp);
		return -errno;
	}
	s->resolv_written = true;
	return 0;
}

void nl_resolv_restore(struct nl_session *s)
{
	char path[512], save[520];

	if (!s->resolv_written)
		return;
	resolv_path(s, path, sizeof(path), "");
	resolv_path(s, save, sizeof(save), ".nlpppd-saved");
	if (rename(save, path) < 0)
		unlink(path);
	s->resolv_written = false;
}
