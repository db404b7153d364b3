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

/*
 * One queue per bundle: its scripts run one at a time, in the order they
 * were asked for (ip-down starts once ip-up has finished, as in pppd). A
 * "-down" asked for while its "-up" still waits cancels both: neither
 * would change anything. Arguments and environment are taken when the
 * script is asked for, so a late start reports the moment it stands for.
 * When the bundle goes, its queue stays until it has run dry.
 */
enum { NL_SCRIPT_QUEUE_MAX = 16 };

struct nl_script_job {
	struct nl_script_job *next;
	char *argv[16];			/* [0] is the script's path */
	struct envbuf env;
};

struct nl_script_queue {
	struct nl_script_queue *next;	/* in the list of queues with work */
	struct nl_script_job *head;	/* head runs when running is set */
	pid_t running;
	unsigned int pending;		/* jobs, the running one included */
	bool orphan;			/* the bundle has gone */
	bool listed;
};

static struct nl_script_queue *busy;	/* queues with a job running or waiting */
static unsigned long long script_dropped;

static void job_free(struct nl_script_job *j)
{
	int i;

	for (i = 0; j->argv[i]; i++)
		free(j->argv[i]);
	env_free(&j->env);
	free(j);
}

static const char *job_name(const struct nl_script_job *j)
{
	const char *slash = strrchr(j->argv[0], '/');

	return slash ? slash + 1 : j->argv[0];
}

static void queue_unlist(struct nl_script_queue *q)
{
	struct nl_script_queue **pp;

	for (pp = &busy; *pp; pp = &(*pp)->next)
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	q->listed = false;
}

/* Start the head job unless one runs; jobs that cannot start are dropped. */
static void queue_kick(struct nl_script_queue *q)
{
	while (!q->running && q->head) {
		struct nl_script_job *j = q->head;
		pid_t pid = fork();

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
			execve(j->argv[0], j->argv, j->env.v);
			_exit(127);
		}
		if (pid > 0) {
			q->running = pid;
			nl_dbg("Script %s started (pid %d)", j->argv[0], (int)pid);
			break;
		}
		nl_err("%s: cannot fork: %s", j->argv[0], strerror(errno));
		q->head = j->next;
		q->pending--;
		job_free(j);
	}
	if (!q->running && !q->head) {
		if (q->listed)
			queue_unlist(q);
		if (q->orphan)
			free(q);
	} else if (!q->listed) {
		q->next = busy;
		busy = q;
		q->listed = true;
	}
}

static void queue_add(struct nl_bundle *b, struct nl_script_job *j)
{
	struct nl_script_queue *q = b->scripts;
	struct nl_script_job **pp, **last_waiting = NULL;
	size_t n = strlen(job_name(j));

	if (!q) {
		q = calloc(1, sizeof(*q));
		if (!q) {
			nl_err("%s: not run: out of memory", j->argv[0]);
			job_free(j);
			return;
		}
		b->scripts = q;
	}
	/* The last job still waiting (the head waits unless it runs). */
	for (pp = &q->head; *pp; pp = &(*pp)->next)
		if (*pp != q->head || !q->running)
			last_waiting = pp;
	if (n > 5 && !strcmp(job_name(j) + n - 5, "-down") && last_waiting) {
		const char *w = job_name(*last_waiting);

		if (strlen(w) == n - 2 && !strncmp(w, job_name(j), n - 5) &&
		    !strcmp(w + n - 5, "-up")) {
			struct nl_script_job *up = *last_waiting;

			nl_dbg("Scripts %s and %s cancel out: neither runs", w, job_name(j));
			*last_waiting = up->next;
			q->pending--;
			job_free(up);
			job_free(j);
			return;
		}
	}
	if (q->pending >= NL_SCRIPT_QUEUE_MAX) {
		script_dropped++;
		nl_err("%s: not run: %u scripts already wait for this link (%llu dropped)",
		       j->argv[0], q->pending, script_dropped);
		job_free(j);
		return;
	}
	for (pp = &q->head; *pp; pp = &(*pp)->next)
		;
	*pp = j;
	q->pending++;
	queue_kick(q);
}

int nl_script_run(struct nl_bundle *b, const char *name,
		  const char *const *args, const char *const *extra)
{
	const struct nl_config *c = b->cfg;
	const struct nl_link *l = b->links;
	struct nl_script_job *j;
	struct nl_dp_stats st;
	char path[512];
	int i, n = 0;

	snprintf(path, sizeof(path), "%s/%s", c->etc_ppp, name);
	if (access(path, X_OK) < 0)
		return 0;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	j->argv[n++] = strdup(path);
	for (i = 0; args && args[i] && n < 15; i++)
		j->argv[n++] = strdup(args[i]);
	for (i = 0; i < n; i++)
		if (!j->argv[i]) {
			job_free(j);
			return -ENOMEM;
		}

	env_add(&j->env, "PATH", "%s", "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin");
	env_add(&j->env, "IFNAME", "%s", b->dp.ifname);
	env_add(&j->env, "DEVICE", "%s", l ? l->tr.devname : "");
	env_add(&j->env, "SPEED", "%u", c->speed);
	env_add(&j->env, "PPPD_PID", "%d", (int)getpid());
	env_add(&j->env, "PPPLOGNAME", "%s", getenv("LOGNAME") ? getenv("LOGNAME") : "root");
	env_add(&j->env, "ORIG_UID", "%d", (int)getuid());
	env_add(&j->env, "LINKNAME", "%s", c->linkname);
	env_add(&j->env, "IPPARAM", "%s", c->ipparam);
	if (l && l->peer_name[0])
		env_add(&j->env, "PEERNAME", "%s", l->peer_name);
	/* pppd: since the network came up, and the interface's data counters. */
	nl_bundle_stats(b, NULL, &st);
	env_add(&j->env, "CONNECT_TIME", "%llu", (unsigned long long)(b->idle_since ?
		(nl_now_ms() - b->idle_since) / 1000 : 0));
	env_add(&j->env, "BYTES_SENT", "%llu", (unsigned long long)st.tx_bytes);
	env_add(&j->env, "BYTES_RCVD", "%llu", (unsigned long long)st.rx_bytes);
	for (i = 0; extra && extra[i] && j->env.n < MAX_ENV; i++) {
		j->env.v[j->env.n] = strdup(extra[i]);
		if (j->env.v[j->env.n])
			j->env.n++;
	}
	j->env.v[j->env.n] = NULL;
	queue_add(b, j);
	return 0;
}

bool nl_script_reaped(pid_t pid, int status)
{
	struct nl_script_queue *q;

	for (q = busy; q; q = q->next) {
		struct nl_script_job *j = q->head;

		if (!q->running || q->running != pid)
			continue;
		nl_dbg("Script %s finished (pid %d), status = 0x%x", j->argv[0], (int)pid,
		       (unsigned int)status);
		q->running = 0;
		q->head = j->next;
		q->pending--;
		job_free(j);
		queue_kick(q);
		return true;
	}
	return false;
}

void nl_script_detach(struct nl_bundle *b)
{
	struct nl_script_queue *q = b->scripts;

	b->scripts = NULL;
	if (!q)
		return;
	q->orphan = true;
	if (!q->listed)
		free(q);
}

int nl_script_wait_all(unsigned int ms)
{
	uint64_t end = nl_now_ms() + ms;

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid > 0) {
			nl_script_reaped(pid, status);
			continue;
		}
		if (pid < 0 && !busy)
			return 0;	/* ECHILD and nothing waits: done */
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
