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

#include "localfile.h"
#include "log.h"
#include "script.h"
#include "bundle.h"
#include "config.h"
#include "event.h"

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

pid_t nl_script_run(struct nl_bundle *b, const char *name,
		    const char *const *args, const char *const *extra)
{
	const struct nl_config *c = b->cfg;
	const struct nl_link *l = b->links;
	struct nl_dp_stats st;
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
	env_add(&env, "IFNAME", "%s", b->dp.ifname);
	env_add(&env, "DEVICE", "%s", l ? l->tr.devname : "");
	env_add(&env, "SPEED", "%u", c->speed);
	env_add(&env, "PPPD_PID", "%d", (int)getpid());
	env_add(&env, "PPPLOGNAME", "%s", getenv("LOGNAME") ? getenv("LOGNAME") : "root");
	env_add(&env, "ORIG_UID", "%d", (int)getuid());
	env_add(&env, "LINKNAME", "%s", c->linkname);
	env_add(&env, "IPPARAM", "%s", c->ipparam);
	if (l && l->peer_name[0])
		env_add(&env, "PEERNAME", "%s", l->peer_name);
	/* pppd: since the network came up, and the interface's data counters. */
	nl_bundle_stats(b, NULL, &st);
	env_add(&env, "CONNECT_TIME", "%llu", (unsigned long long)(b->idle_since ?
		(nl_now_ms() - b->idle_since) / 1000 : 0));
	env_add(&env, "BYTES_SENT", "%llu", (unsigned long long)st.tx_bytes);
	env_add(&env, "BYTES_RCVD", "%llu", (unsigned long long)st.rx_bytes);
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
		nl_signals_reset_for_exec();
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

static void resolv_path(struct nl_bundle *b, char *buf, size_t sz, const char *suffix)
{
	snprintf(buf, sz, "%s/resolv.conf%s", b->cfg->etc_ppp, suffix);
}

int nl_resolv_write(struct nl_bundle *b, uint32_t dns1, uint32_t dns2)
{
	char path[512], save[520], a[INET_ADDRSTRLEN], text[128];
	uint32_t dns[2] = { dns1, dns2 };
	struct in_addr in;
	struct stat st;
	size_t len = 0;
	int i, err;

	resolv_path(b, path, sizeof(path), "");
	resolv_path(b, save, sizeof(save), ".nlpppd-saved");
	/*
	 * Keep what was there before us, once. rename() moves a symlink
	 * itself, and the new file replaces the name: nothing is written
	 * through a link someone planted in the directory.
	 */
	if (!b->resolv_written && lstat(path, &st) == 0 && lstat(save, &st) < 0)
		rename(path, save);
	text[0] = '\0';
	for (i = 0; i < 2; i++) {
		if (!dns[i])
			continue;
		in.s_addr = htonl(dns[i]);
		len += snprintf(text + len, sizeof(text) - len, "nameserver %s\n",
				inet_ntop(AF_INET, &in, a, sizeof(a)));
	}
	err = nl_file_replace(path, text, len);
	if (err < 0) {
		nl_err("%s: %s", path, strerror(-err));
		return err;
	}
	b->resolv_written = true;
	return 0;
}

void nl_resolv_restore(struct nl_bundle *b)
{
	char path[512], save[520];

	if (!b->resolv_written)
		return;
	resolv_path(b, path, sizeof(path), "");
	resolv_path(b, save, sizeof(save), ".nlpppd-saved");
	if (rename(save, path) < 0)
		unlink(path);
	b->resolv_written = false;
}
