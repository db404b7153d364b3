// SPDX-License-Identifier: GPL-2.0
/*
 * nlpppd: options, process lifecycle (detach, pid files, signals), the
 * persist/holdoff/maxfail loop around one client bundle, or a server
 * (`listen`) running one bundle per accepted connection.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "event.h"
#include "localfile.h"
#include "log.h"
#include "notify.h"
#include "pppoe/client.h"
#include "registry.h"
#include "script.h"
#include "server.h"
#include "status.h"

struct daemon {
	struct nl_loop loop;
	struct nl_config cfg;
	struct nl_registry reg;
	struct nl_bundle *b;		/* the client's bundle, while there is one */
	struct nl_server *server;	/* with `listen` */
	struct nl_pppoe_client *pppoe;	/* a PPPoE client's discovery and session */
	struct nl_ctl *ctl;		/* the control socket (nlpppctl) */
	struct nl_timer holdoff;
	bool quit;		/* a signal asked us to stop */
	bool detached;
	int notify_fd;		/* updetach: tell the waiting parent */
	unsigned int failures;	/* consecutive attempts that never reached the network phase */
	bool reached_network;
	int status;
	char pidfile[512], linkpidfile[512];
};

/* Replaced, not opened in place: a symlink planted at the name is not followed. */
static void write_pidfile(char *path, const char *text)
{
	int err = nl_file_replace(path, text, strlen(text));

	if (err < 0) {
		nl_warn("pid file %s: %s", path, strerror(-err));
		path[0] = 0;
	}
}

static void write_pidfiles(struct daemon *d)
{
	const struct nl_config *c = &d->cfg;
	char text[64];

	snprintf(d->pidfile, sizeof(d->pidfile), "%s/%s.pid", c->run_dir,
		 d->b->dp.ifname);
	snprintf(text, sizeof(text), "%d\n", (int)getpid());
	write_pidfile(d->pidfile, text);
	if (c->linkname[0]) {
		snprintf(d->linkpidfile, sizeof(d->linkpidfile), "%s/ppp-%s.pid",
			 c->run_dir, c->linkname);
		snprintf(text, sizeof(text), "%d\n%s\n", (int)getpid(), d->b->dp.ifname);
		write_pidfile(d->linkpidfile, text);
	}
}

static void remove_pidfiles(struct daemon *d)
{
	if (d->pidfile[0])
		unlink(d->pidfile);
	if (d->linkpidfile[0])
		unlink(d->linkpidfile);
	d->pidfile[0] = d->linkpidfile[0] = 0;
}

/* Fork into the background; the parent exits 0 (or waits for updetach). */
static int detach(struct daemon *d, bool wait_for_up)
{
	int pfd[2] = { -1, -1 };
	pid_t pid;

	if (wait_for_up && pipe2(pfd, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		char st = NL_EXIT_CONNECT_FAILED;

		if (!wait_for_up)
			_exit(0);
		close(pfd[1]);
		if (read(pfd[0], &st, 1) != 1) {
			int ws;

			/* The child ended without the network coming up. */
			if (waitpid(pid, &ws, 0) == pid && WIFEXITED(ws))
				_exit(WEXITSTATUS(ws));
		}
		_exit(st);
	}
	if (wait_for_up) {
		close(pfd[0]);
		d->notify_fd = pfd[1];
	}
	setsid();
	return 0;
}

static void go_quiet(struct daemon *d)
{
	int fd = open("/dev/null", O_RDWR);

	nl_log_set_stderr(false);
	if (fd >= 0) {
		if (!d->cfg.notty) {
			dup2(fd, 0);
			dup2(fd, 1);
		}
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	d->detached = true;
}

static void start_attempt(struct daemon *d);

static void holdoff_done(void *ctx)
{
	start_attempt(ctx);
}

/* An attempt ended (@status): redial, or stop. */
static void attempt_over(struct daemon *d, int status)
{
	d->status = status;
	remove_pidfiles(d);
	if (d->reached_network)
		d->failures = 0;
	else
		d->failures++;
	if (d->quit || !d->cfg.persist || status == NL_EXIT_USER_REQUEST ||
	    (d->cfg.maxfail && d->failures >= d->cfg.maxfail)) {
		if (d->cfg.persist && d->cfg.maxfail && d->failures >= d->cfg.maxfail)
			nl_notice("Maximum connect attempts (%u) reached", d->cfg.maxfail);
		nl_loop_stop(&d->loop);
		return;
	}
	/* pppd: no holdoff after an idle disconnect (the next dial is on demand). */
	if (status == NL_EXIT_IDLE_TIMEOUT) {
		nl_timer_arm(&d->loop, &d->holdoff, 0);
		return;
	}
	if (d->cfg.holdoff)
		nl_info("Waiting %u seconds before reconnecting", d->cfg.holdoff);
	nl_timer_arm(&d->loop, &d->holdoff, (uint64_t)d->cfg.holdoff * 1000);
}

static void ctl_event(void *ctx, struct json_object *ev)
{
	nl_ctl_event(ctx, ev);
}

/* <run-dir>/nlpppd/<pid>.sock unless `ctl-socket` says otherwise. */
static void open_ctl(struct daemon *d)
{
	char path[512];
	int err;

	if (d->cfg.noctl)
		return;
	if (d->cfg.ctl_socket[0])
		snprintf(path, sizeof(path), "%s", d->cfg.ctl_socket);
	else
		snprintf(path, sizeof(path), "%s/nlpppd/%d.sock", d->cfg.run_dir, (int)getpid());
	err = nl_ctl_open(&d->ctl, &d->loop, path, &nl_status_handler, &d->reg);
	if (err < 0) {
		nl_warn("control socket %s: %s (nlpppctl will not see this daemon)", path,
			strerror(-err));
		d->ctl = NULL;
		return;
	}
	d->reg.event_sink = ctl_event;
	d->reg.event_ctx = d->ctl;
}

static void bundle_dead(struct nl_bundle *b)
{
	struct daemon *d = b->owner_ctx;
	int status = nl_bundle_status_code(b);

	nl_bundle_free(b);
	d->b = NULL;
	attempt_over(d, status);
}

static void network_up(struct nl_bundle *b)
{
	struct daemon *d = b->owner_ctx;

	d->reached_network = true;
	if (d->cfg.up_sdnotify) {
		int err = nl_notify("READY=1");

		if (err < 0)
			nl_warn("up_sdnotify: cannot notify $NOTIFY_SOCKET: %s", strerror(-err));
	}
	if (d->notify_fd >= 0) {
		char ok = 0;

		if (write(d->notify_fd, &ok, 1) < 0) {
			/* The parent is gone; nothing to tell. */
		}
		close(d->notify_fd);
		d->notify_fd = -1;
		go_quiet(d);
	}
}

static const struct nl_bundle_owner owner = {
	.dead = bundle_dead,
	.network_up = network_up,
};

/* A link and a bundle on @tr, and go. */
static void start_link(struct daemon *d, struct nl_transport *tr)
{
	struct nl_link *l = NULL;
	int err, status;

	if (nl_link_new(&l, &d->loop, &d->cfg, tr) < 0 ||
	    nl_bundle_new(&d->b, &d->reg, &d->cfg, &owner, d) < 0) {
		nl_link_free(l);
		nl_transport_close(tr);
		attempt_over(d, NL_EXIT_FATAL_ERROR);
		return;
	}
	err = nl_bundle_start(d->b, l);
	if (err < 0) {
		status = nl_bundle_status_code(d->b);
		nl_link_free(l);
		nl_bundle_free(d->b);
		d->b = NULL;
		attempt_over(d, status ? status : NL_EXIT_FATAL_ERROR);
		return;
	}
	write_pidfiles(d);
}

/* PPPoE discovery ended: a session to run the link on, or nothing. */
static void pppoe_ready(void *ctx, struct nl_transport *tr, const char *why)
{
	struct daemon *d = ctx;

	if (!tr) {
		attempt_over(d, NL_EXIT_CONNECT_FAILED);
		return;
	}
	start_link(d, tr);
}

static void start_attempt(struct daemon *d)
{
	struct nl_transport tr;
	int err, status;

	d->reached_network = false;
	if (d->cfg.pppoe.iface[0]) {
		/* The last attempt's session is over (its PADT went out). */
		nl_pppoe_client_free(d->pppoe);
		d->pppoe = NULL;
		if (nl_pppoe_client_start(&d->pppoe, &d->loop, &d->reg, &d->cfg, pppoe_ready, d) < 0)
			attempt_over(d, NL_EXIT_OPEN_FAILED);
		return;
	}
	err = nl_transport_open(&tr, &d->cfg);
	if (err < 0) {
		status = err == -EBUSY ? NL_EXIT_LOCK_FAILED :
			 d->cfg.pty_cmd[0] ? NL_EXIT_PTYCMD_FAILED :
			 d->cfg.socket[0] ? NL_EXIT_CONNECT_FAILED : NL_EXIT_OPEN_FAILED;
		attempt_over(d, status);
		return;
	}
	start_link(d, &tr);
}

static void on_signal(void *ctx, int signo)
{
	struct daemon *d = ctx;
	struct nl_link *l;

	switch (signo) {
	case SIGTERM:
	case SIGINT:
		nl_notice("Terminating on signal %d", signo);
		d->quit = true;
		if (d->cfg.up_sdnotify)
			nl_notify("STOPPING=1");
		if (d->server) {
			nl_server_shutdown(d->server);
			return;
		}
		if (!d->b) {
			nl_pppoe_client_free(d->pppoe);
			d->pppoe = NULL;
			nl_timer_cancel(&d->loop, &d->holdoff);
			d->status = NL_EXIT_USER_REQUEST;
			nl_loop_stop(&d->loop);
			return;
		}
		nl_bundle_close(d->b, "User request", NL_EXIT_USER_REQUEST);
		break;
	case SIGHUP:
		nl_notice("Hangup (SIGHUP)");
		if (d->server) {
			nl_server_hangup_all(d->server);
			return;
		}
		if (!d->cfg.persist)
			d->quit = true;
		if (d->b)
			nl_bundle_hangup(d->b);
		break;
	case SIGUSR1:
		nl_log_set_debug(!nl_log_debug_enabled());
		nl_notice("Debug turned %s", nl_log_debug_enabled() ? "ON" : "OFF");
		break;
	case SIGUSR2:
		if (d->server) {
			struct nl_bundle *b;

			for (b = d->reg.bundles; b; b = b->next)
				nl_bundle_ccp_renegotiate(b);
		} else if (d->b) {
			nl_bundle_ccp_renegotiate(d->b);
		}
		break;
	case SIGCHLD:
		for (;;) {
			int ws;
			pid_t pid = waitpid(-1, &ws, WNOHANG);

			if (pid <= 0)
				break;
			if (nl_script_reaped(pid, ws))
				continue;
			l = d->b ? nl_bundle_first_link(d->b) : NULL;
			if (!l || pid != l->tr.child)
				continue;
			nl_transport_child_gone(&l->tr);
			/* The user plane reads the pty's EOF itself (after any last
			 * frames); the kernel plane's line discipline never sees the
			 * slave close, so the child's exit is the hangup. */
			if (d->b->dp.ops == &nl_dp_kernel_ops)
				nl_link_dp_down(l);
		}
		break;
	}
}

static void print_config(const struct nl_config *c)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

	if (c->pppoe.iface[0])
		printf("device: pppoe %s service %s\n", c->pppoe.iface,
		       c->pppoe.service[0] ? c->pppoe.service : "(any)");
	else
		printf("device: %s\n", c->pty_cmd[0] ? "pty" : c->notty ? "notty" :
		       c->device[0] ? c->device : "(controlling tty)");
	if (c->pty_cmd[0])
		printf("pty: %s\n", c->pty_cmd);
	printf("speed: %u\n", c->speed);
	printf("addresses: %s:%s\n", inet_ntop(AF_INET, &c->local_ip, a, sizeof(a)),
	       inet_ntop(AF_INET, &c->remote_ip, b, sizeof(b)));
	printf("framing: %s\n", c->sync ? "sync" : "async");
	printf("asyncmap: 0x%08x\n", c->asyncmap);
	printf("mru: %u mtu: %u\n", c->mru, c->mtu);
	printf("auth: %s%s%s%s%s\n", c->auth ? "required" : "not required",
	       c->require_pap ? " pap" : "", c->require_chap ? " chap" : "",
	       c->require_mschap ? " mschap" : "", c->require_mschap_v2 ? " mschap-v2" : "");
	printf("user: %s\n", c->user);
	printf("password: %s\n", c->password[0] ? "<hidden>" : "(none)");
	printf("name: %s remotename: %s\n", c->name, c->remotename);
	printf("ipv6: %s\n", c->ipv6 ? "yes" : "no");
	if (c->novj)
		printf("vj: off\n");
	else
		printf("vj: %u slots, slot-id compression %s\n", c->vj_max_slots,
		       c->novjccomp ? "off" : "on");
	printf("persist: %s maxfail: %u holdoff: %u\n", c->persist ? "yes" : "no",
	       c->maxfail, c->holdoff);
	printf("dataplane: %s\n", c->dataplane == NL_DP_KERNEL ? "kernel" :
	       c->dataplane == NL_DP_USER ? "user" : "auto");
}

/*
 * The paths options give stay relative to the directory nlpppd was started
 * in (as `file` and `call` are, read while parsing), though it then runs
 * in "/".
 */
static int absolute_paths(struct nl_config *c)
{
	struct {
		char *p;
		size_t sz;
		const char *opt;
	} v[] = {
		{ c->etc_ppp, sizeof(c->etc_ppp), "etc-dir" },
		{ c->run_dir, sizeof(c->run_dir), "run-dir" },
		{ c->lock_dir, sizeof(c->lock_dir), "lock-dir" },
		{ c->logfile, sizeof(c->logfile), "logfile" },
		{ c->ctl_socket, sizeof(c->ctl_socket), "ctl-socket" },
	};
	char cwd[PATH_MAX], buf[PATH_MAX + 256];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (!v[i].p[0] || v[i].p[0] == '/')
			continue;
		if (!getcwd(cwd, sizeof(cwd))) {
			fprintf(stderr, "nlpppd: option '%s': %s is relative and the current "
				"directory is unknown (%s); give an absolute path\n",
				v[i].opt, v[i].p, strerror(errno));
			return -EINVAL;
		}
		if ((size_t)snprintf(buf, sizeof(buf), "%s/%s", cwd, v[i].p) >= v[i].sz) {
			fprintf(stderr, "nlpppd: option '%s': %s/%s is too long\n",
				v[i].opt, cwd, v[i].p);
			return -EINVAL;
		}
		strcpy(v[i].p, buf);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct daemon d;
	int err;

	/*
	 * Installed set-uid, any user could make root read files and run
	 * commands of their choosing (pty, options files): refuse before
	 * reading anything.
	 */
	if (getuid() != geteuid() || getgid() != getegid()) {
		fprintf(stderr, "nlpppd: refusing to run set-uid\n");
		return NL_EXIT_NOT_ROOT;
	}
	/* pppd's: whatever we were given, nothing we create is writable by others. */
	umask(umask(0777) | 022);

	d.notify_fd = -1;
	nl_config_defaults(&d.cfg);
	if (nl_config_parse_argv(&d.cfg, argc, argv) < 0 || nl_config_check(&d.cfg) < 0 ||
	    absolute_paths(&d.cfg) < 0)
		return NL_EXIT_OPTION_ERROR;
	/* Hold no directory busy; nothing relative is opened from here on. */
	if (chdir("/") < 0) {
		fprintf(stderr, "nlpppd: chdir /: %s\n", strerror(errno));
		return NL_EXIT_FATAL_ERROR;
	}
	if (d.cfg.dryrun || d.cfg.dump) {
		print_config(&d.cfg);
		if (d.cfg.dryrun)
			return NL_EXIT_OK;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "nlpppd: must be run as root (needs CAP_NET_ADMIN)\n");
		return NL_EXIT_NOT_ROOT;
	}
	if (!d.cfg.device[0] && !d.cfg.pty_cmd[0] && !d.cfg.notty && !d.cfg.socket[0] &&
	    !d.cfg.listen[0] && !d.cfg.pppoe.iface[0] && !d.cfg.pppoe.nlisten) {
		fprintf(stderr, "nlpppd: no device given: name a tty, or use pty \"command\", "
			"notty, socket HOST:PORT, plugin rp-pppoe.so IFACE, listen PORT or "
			"listen pppoe:IFACE\n");
		return NL_EXIT_OPTION_ERROR;
	}
	nl_log_init(d.cfg.linkname[0] ? d.cfg.linkname : "nlpppd",
		    d.cfg.nodetach || d.cfg.updetach || d.cfg.notty);
	nl_log_set_debug(d.cfg.debug);
	if (d.cfg.logfile[0] && (err = nl_log_set_file(d.cfg.logfile)) < 0) {
		fprintf(stderr, "nlpppd: logfile %s: %s\n", d.cfg.logfile,
			err == -ELOOP ? "is a symbolic link; name the file itself" :
			err == -EINVAL ? "not a regular file" : strerror(-err));
		return NL_EXIT_OPTION_ERROR;
	}
	signal(SIGPIPE, SIG_IGN);

	if (!d.cfg.nodetach && !d.cfg.notty) {
		if (detach(&d, d.cfg.updetach) < 0) {
			nl_err("cannot detach: %s", strerror(errno));
			return NL_EXIT_FATAL_ERROR;
		}
		if (!d.cfg.updetach)
			go_quiet(&d);
	}

	if (nl_loop_init(&d.loop) < 0) {
		nl_err("epoll: %s", strerror(errno));
		return NL_EXIT_FATAL_ERROR;
	}
	nl_loop_signal(&d.loop, SIGTERM, on_signal, &d);
	nl_loop_signal(&d.loop, SIGINT, on_signal, &d);
	nl_loop_signal(&d.loop, SIGHUP, on_signal, &d);
	nl_loop_signal(&d.loop, SIGUSR1, on_signal, &d);
	nl_loop_signal(&d.loop, SIGUSR2, on_signal, &d);
	nl_loop_signal(&d.loop, SIGCHLD, on_signal, &d);
	nl_timer_init(&d.holdoff, holdoff_done, &d);

	nl_notice("nlpppd %s started by %s, uid %d", NLPPP_VERSION,
		  getenv("LOGNAME") ? getenv("LOGNAME") : "root", (int)getuid());
	nl_registry_init(&d.reg, &d.loop);
	open_ctl(&d);
	if (d.cfg.listen[0] || d.cfg.pppoe.nlisten) {
		if (nl_server_open(&d.server, &d.reg, &d.cfg) < 0)
			return NL_EXIT_FATAL_ERROR;
	} else {
		start_attempt(&d);
	}
	if (!d.loop.stop)
		nl_loop_run(&d.loop);

	if (d.server) {
		d.status = nl_server_status(d.server);
		nl_server_close(d.server);
	}
	if (d.b) {
		nl_bundle_free(d.b);
		d.b = NULL;
	}
	nl_pppoe_client_free(d.pppoe);
	remove_pidfiles(&d);
	d.reg.event_sink = NULL;
	nl_ctl_close(d.ctl);
	nl_registry_fini(&d.reg);
	if (nl_script_wait_all(10000))
		nl_warn("scripts still running at exit");
	nl_loop_fini(&d.loop);
	nl_notice("Exit with status %d", d.status);
	return d.status;
}
