// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen: open N PPP sessions from one process against a server and
 * measure how fast they come up.
 *
 *   loadgen {--connect HOST:PORT | --pppoe IFNAME} [-n N] [-c C] [--user U --password P]
 *           [--hold S] [--ping] [--timeout S] [--source-base A --sources K]
 *           [--addresses FILE] [--json] [--quiet]
 *
 * The run has four phases: ramp (start sessions, at most C negotiating at
 * once, until every one is up or failed), ping (with --ping, until each up
 * session's ping is answered or given up), hold (--hold seconds), close
 * (LCP Terminate-Request on every session, a short wait for the Acks). A
 * signal skips to close; a second one drops every connection at once.
 *
 * With --pppoe, each session is a PPPoE host with a MAC address of its own
 * (02:4c:47 and its index) on the Ethernet interface IFNAME, which is put
 * in promiscuous mode; PADT ends each session at close. With --drop, the
 * close sends no LCP Terminate-Request: TCP connections are just closed,
 * PPPoE sessions get a PADT alone.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "event.h"
#include "loadgen/pppoe.h"
#include "loadgen/session.h"
#include "loadgen/stats.h"
#include "loadgen/tcp.h"

enum {
	EXIT_USAGE = 2,
	CLOSE_GRACE_MS = 3000,	/* after this, connections are just dropped */
	FD_SPARE = 64,
};

enum phase { PH_RAMP, PH_PING, PH_HOLD, PH_CLOSE };

struct run {
	struct lg_ctx ctx;
	struct nl_loop loop;
	struct lg_session *sess;
	unsigned int n, conc;
	long hold;			/* seconds; -1 = until a signal */
	bool json;
	bool drop;			/* close without LCP (PPPoE: a PADT only) */
	const char *addresses;
	bool addresses_written;
	int addr_err;

	enum phase phase;
	struct nl_timer tick_timer, phase_timer;
	unsigned int next;		/* sessions started */
	unsigned int in_flight;		/* started, not yet settled */
	unsigned int settled, up, open;
	unsigned int failed[LG_NREASONS];
	unsigned int dropped, pings_owed, pings_sent, pings_ok;
	unsigned int signals;
	uint64_t t_first_us, t_last_up_us;
	long rss_base_kb;
};

static struct run *run_of(struct lg_session *s)
{
	return (struct run *)((char *)s->ctx - offsetof(struct run, ctx));
}

static void begin_close(struct run *r);
static int write_addresses(struct run *r);

/* The address list is written as the hold starts, so a test can ping them meanwhile. */
static void start_hold(struct run *r)
{
	r->phase = PH_HOLD;
	if (r->addresses && !r->addresses_written)
		r->addr_err = write_addresses(r);
	if (r->hold == 0)
		begin_close(r);
	else if (r->hold > 0)
		nl_timer_arm(&r->loop, &r->phase_timer, (uint64_t)r->hold * 1000);
}

static void progress(struct run *r)
{
	if (r->phase == PH_RAMP && r->settled == r->n)
		r->phase = PH_PING;
	if (r->phase == PH_PING && r->pings_owed == 0)
		start_hold(r);
}

static void ramp(struct run *r)
{
	while (r->phase == PH_RAMP && r->next < r->n && r->in_flight < r->conc) {
		struct lg_session *s = &r->sess[r->next++];

		if (!r->t_first_us)
			r->t_first_us = lg_now_us();
		r->in_flight++;
		r->open++;
		lg_session_start(s);
	}
}

/*
 * Sessions report from inside their FSM and transport callbacks; the run
 * reacts (starts more, changes phase, closes them all) from here, later.
 */
static void tick(void *ctx)
{
	struct run *r = ctx;

	ramp(r);
	progress(r);
}

static void on_settled(struct lg_session *s)
{
	struct run *r = run_of(s);

	r->in_flight--;
	r->settled++;
	if (s->state == LG_UP) {
		r->up++;
		r->t_last_up_us = s->t_up_us;
		if (r->ctx.ping) {
			r->pings_owed++;
			r->pings_sent++;
		}
	} else {
		r->failed[s->reason]++;
	}
	nl_timer_arm(&r->loop, &r->tick_timer, 0);
}

static void on_ping_done(struct lg_session *s)
{
	struct run *r = run_of(s);

	r->pings_owed--;
	if (s->ping_ok)
		r->pings_ok++;
	nl_timer_arm(&r->loop, &r->tick_timer, 0);
}

static void on_finished(struct lg_session *s)
{
	struct run *r = run_of(s);

	r->open--;
	if (s->dropped)
		r->dropped++;
	if (r->phase == PH_CLOSE && r->open == 0)
		nl_loop_stop(&r->loop);
}

static void close_timeout(void *ctx)
{
	struct run *r = ctx;
	unsigned int i;

	for (i = 0; i < r->next; i++)
		lg_session_abort(&r->sess[i]);
}

static void begin_close(struct run *r)
{
	unsigned int i;

	r->phase = PH_CLOSE;
	r->phase_timer.fn = close_timeout;
	nl_timer_arm(&r->loop, &r->phase_timer, CLOSE_GRACE_MS);
	for (i = 0; i < r->next; i++)
		if (r->drop)
			lg_session_drop(&r->sess[i]);
		else
			lg_session_close(&r->sess[i]);
	if (r->open == 0)
		nl_loop_stop(&r->loop);
}

static void hold_over(void *ctx)
{
	begin_close(ctx);
}

static void on_signal(void *ctx, int signo)
{
	struct run *r = ctx;

	if (r->signals++ == 0 && r->phase != PH_CLOSE)
		begin_close(r);
	else
		close_timeout(r);
}

/* --- report ----------------------------------------------------------------- */

static long proc_status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t kl = strlen(key);

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl) && line[kl] == ':')
			v = strtol(line + kl + 1, NULL, 10);
	fclose(f);
	return v;
}

static int write_addresses(struct run *r)
{
	FILE *f = fopen(r->addresses, "w");
	unsigned int i;

	if (!f) {
		fprintf(stderr, "loadgen: cannot write %s: %s\n", r->addresses,
			strerror(errno));
		return -errno;
	}
	for (i = 0; i < r->n; i++) {
		struct in_addr l = { htonl(r->sess[i].local_ip) };
		struct in_addr rm = { htonl(r->sess[i].remote_ip) };
		char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

		if (!r->sess[i].was_up)
			continue;
		fprintf(f, "%s %s\n", inet_ntop(AF_INET, &l, a, sizeof(a)),
			inet_ntop(AF_INET, &rm, b, sizeof(b)));
	}
	r->addresses_written = true;
	return fclose(f) ? -errno : 0;
}

struct summary {
	double wall_s, rate, min, median, p99, max;
	long peak_kb, per_session_b;
	unsigned int failed;
};

static void summarize(struct run *r, struct summary *m)
{
	double *lat = calloc(r->up ? r->up : 1, sizeof(*lat));
	unsigned int i, k = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < LG_NREASONS; i++)
		m->failed += r->failed[i];
	m->peak_kb = proc_status_kb("VmHWM");
	if (m->peak_kb > 0 && r->rss_base_kb > 0 && r->next)
		m->per_session_b = (m->peak_kb - r->rss_base_kb) * 1024 / (long)r->next;
	if (r->up && r->t_last_up_us > r->t_first_us) {
		m->wall_s = (double)(r->t_last_up_us - r->t_first_us) / 1e6;
		m->rate = r->up / m->wall_s;
	}
	if (!lat)
		return;
	for (i = 0; i < r->n; i++)
		if (r->sess[i].was_up)
			lat[k++] = (double)(r->sess[i].t_up_us - r->sess[i].t_start_us) / 1000.0;
	lg_sort(lat, k);
	m->min = lg_percentile(lat, k, 0);
	m->median = lg_percentile(lat, k, 50);
	m->p99 = lg_percentile(lat, k, 99);
	m->max = lg_percentile(lat, k, 100);
	free(lat);
}

static void report_json(struct run *r, const struct summary *m)
{
	unsigned int i;

	printf("{\"requested\":%u,\"up\":%u,\"failed\":%u,\"failed_by_reason\":{",
	       r->n, r->up, m->failed);
	for (i = 1; i < LG_NREASONS; i++)
		printf("%s\"%s\":%u", i > 1 ? "," : "", lg_reason_name(i), r->failed[i]);
	printf("},\"dropped_after_up\":%u,\"wall_s\":%.6f,\"sessions_per_s\":%.2f,"
	       "\"latency_ms\":{\"min\":%.3f,\"median\":%.3f,\"p99\":%.3f,\"max\":%.3f},"
	       "\"pings_sent\":%u,\"pings_answered\":%u,\"peak_rss_kb\":%ld,"
	       "\"rss_bytes_per_session\":%ld}\n",
	       r->dropped, m->wall_s, m->rate, m->min, m->median, m->p99, m->max,
	       r->pings_sent, r->pings_ok, m->peak_kb, m->per_session_b);
}

static void report_text(struct run *r, const struct summary *m)
{
	unsigned int i;

	printf("sessions: %u requested, %u up, %u failed", r->n, r->up, m->failed);
	for (i = 1; i < LG_NREASONS; i++)
		if (r->failed[i])
			printf(", %s %u", lg_reason_name(i), r->failed[i]);
	printf("\n");
	if (r->dropped)
		printf("dropped after up: %u\n", r->dropped);
	printf("setup: %.3f s from first connect to last IPCP Opened, %.1f sessions/s\n",
	       m->wall_s, m->rate);
	printf("latency ms: min %.1f median %.1f p99 %.1f max %.1f\n",
	       m->min, m->median, m->p99, m->max);
	if (r->ctx.ping)
		printf("pings: %u sent, %u answered\n", r->pings_sent, r->pings_ok);
	printf("memory: peak RSS %ld kB, %ld bytes per session\n", m->peak_kb,
	       m->per_session_b);
}

/* --- options ------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: loadgen {--connect HOST:PORT | --pppoe IFNAME} [-n N] [-c C]\n"
		"               [--user NAME --password SECRET]\n"
		"               [--hold SECONDS] [--ping] [--timeout SECONDS]\n"
		"               [--source-base A.B.C.D --sources K] [--addresses FILE]\n"
		"               [--drop] [--json] [--quiet]\n");
}

static int parse_long(const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "loadgen: %s: '%s' is not a number from %ld to %ld\n",
			opt, s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int parse_connect(const char *arg, struct sockaddr_in *sin)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct addrinfo *res;
	char host[256];
	const char *colon = strrchr(arg, ':');
	size_t hl;
	int err;

	if (!colon || colon == arg || !colon[1] ||
	    (hl = colon - arg) >= sizeof(host)) {
		fprintf(stderr, "loadgen: --connect wants HOST:PORT, not '%s'\n", arg);
		return -EINVAL;
	}
	memcpy(host, arg, hl);
	host[hl] = 0;
	err = getaddrinfo(host, colon + 1, &hints, &res);
	if (err) {
		fprintf(stderr, "loadgen: --connect %s: %s\n", arg, gai_strerror(err));
		return -EINVAL;
	}
	memcpy(sin, res->ai_addr, sizeof(*sin));
	freeaddrinfo(res);
	return 0;
}

enum { OPT_USER = 256, OPT_PASSWORD, OPT_HOLD, OPT_PING, OPT_TIMEOUT, OPT_SRCBASE,
       OPT_SOURCES, OPT_JSON, OPT_QUIET, OPT_ADDRESSES, OPT_PPPOE, OPT_DROP };

static const struct option long_opts[] = {
	{ "connect", required_argument, NULL, 'C' },
	{ "pppoe", required_argument, NULL, OPT_PPPOE },
	{ "drop", no_argument, NULL, OPT_DROP },
	{ "user", required_argument, NULL, OPT_USER },
	{ "password", required_argument, NULL, OPT_PASSWORD },
	{ "hold", required_argument, NULL, OPT_HOLD },
	{ "ping", no_argument, NULL, OPT_PING },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "source-base", required_argument, NULL, OPT_SRCBASE },
	{ "sources", required_argument, NULL, OPT_SOURCES },
	{ "addresses", required_argument, NULL, OPT_ADDRESSES },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int parse_one(struct run *r, int c, const char *arg)
{
	struct lg_ctx *x = &r->ctx;
	long v;

	switch (c) {
	case 'C':
		return parse_connect(arg, &x->server);
	case 'n':
		if (parse_long("-n", arg, 1, 10000000, &v))
			return -EINVAL;
		r->n = v;
		return 0;
	case 'c':
		if (parse_long("-c", arg, 1, INT_MAX, &v))
			return -EINVAL;
		r->conc = v;
		return 0;
	case OPT_USER:
		x->user = arg;
		return 0;
	case OPT_PASSWORD:
		x->password = arg;
		return 0;
	case OPT_HOLD:
		return parse_long("--hold", arg, -1, INT_MAX / 1000, &r->hold);
	case OPT_PING:
		x->ping = true;
		return 0;
	case OPT_TIMEOUT:
		if (parse_long("--timeout", arg, 1, INT_MAX / 1000, &v))
			return -EINVAL;
		x->timeout_ms = v * 1000;
		return 0;
	case OPT_SRCBASE:
		if (inet_pton(AF_INET, arg, &x->source_base) != 1) {
			fprintf(stderr, "loadgen: --source-base wants an IPv4 address, not '%s'\n", arg);
			return -EINVAL;
		}
		return 0;
	case OPT_SOURCES:
		if (parse_long("--sources", arg, 1, 1 << 24, &v))
			return -EINVAL;
		x->sources = v;
		return 0;
	case OPT_ADDRESSES:
		r->addresses = arg;
		return 0;
	case OPT_DROP:
		r->drop = true;
		return 0;
	case OPT_PPPOE:
		if (!*arg || strlen(arg) >= IF_NAMESIZE) {
			fprintf(stderr, "loadgen: --pppoe wants an interface name, not '%s'\n", arg);
			return -EINVAL;
		}
		x->pppoe_if = arg;
		return 0;
	case OPT_JSON:
		r->json = true;
		return 0;
	case OPT_QUIET:
		x->quiet = true;
		return 0;
	default:
		return -EINVAL;
	}
}

static int parse_args(struct run *r, int argc, char **argv)
{
	int c;

	r->n = 1;
	r->conc = 100;
	r->ctx.timeout_ms = 30000;
	while ((c = getopt_long(argc, argv, "n:c:h", long_opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			exit(0);
		}
		if (parse_one(r, c, optarg) < 0)
			return -EINVAL;
	}
	if (optind < argc || !r->ctx.server.sin_port == !r->ctx.pppoe_if) {
		fprintf(stderr, "loadgen: %s\n", optind < argc ? "unexpected argument" :
			"one of --connect HOST:PORT and --pppoe IFNAME is required");
		return -EINVAL;
	}
	if (r->ctx.pppoe_if && r->ctx.source_base.s_addr) {
		fprintf(stderr, "loadgen: --source-base is for --connect only\n");
		return -EINVAL;
	}
	if (!r->ctx.user != !r->ctx.password) {
		fprintf(stderr, "loadgen: give --user and --password together\n");
		return -EINVAL;
	}
	if (r->ctx.sources && !r->ctx.source_base.s_addr) {
		fprintf(stderr, "loadgen: --sources needs --source-base\n");
		return -EINVAL;
	}
	return 0;
}

/* One descriptor per session, plus epoll, signalfd, stdio and a margin. */
static void raise_nofile(unsigned int n)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)n + FD_SPARE;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur >= want)
		return;
	if (rl.rlim_max < want) {
		rl.rlim_max = want;	/* works as root */
		if (setrlimit(RLIMIT_NOFILE, &(struct rlimit){ want, want }) == 0)
			return;
		getrlimit(RLIMIT_NOFILE, &rl);
		want = rl.rlim_max;
		fprintf(stderr, "loadgen: only %llu descriptors allowed; sessions past that fail\n",
			(unsigned long long)want);
	}
	rl.rlim_cur = want;
	setrlimit(RLIMIT_NOFILE, &rl);
}

static int run_all(struct run *r)
{
	unsigned int i;
	int err;

	err = nl_loop_init(&r->loop);
	if (err < 0)
		return err;
	if (nl_loop_signal(&r->loop, SIGINT, on_signal, r) < 0 ||
	    nl_loop_signal(&r->loop, SIGTERM, on_signal, r) < 0) {
		nl_loop_fini(&r->loop);
		return -errno;
	}
	r->ctx.loop = &r->loop;
	r->ctx.tr = r->ctx.pppoe_if ? &lg_pppoe_transport : &lg_tcp_transport;
	r->ctx.settled = on_settled;
	r->ctx.ping_done = on_ping_done;
	r->ctx.finished = on_finished;
	for (i = 0; i < r->n; i++)
		lg_session_init(&r->sess[i], &r->ctx, i);
	nl_timer_init(&r->tick_timer, tick, r);
	nl_timer_init(&r->phase_timer, hold_over, r);
	ramp(r);
	err = nl_loop_run(&r->loop);
	lg_pppoe_cleanup(&r->loop);
	nl_loop_fini(&r->loop);
	return err;
}

int main(int argc, char **argv)
{
	struct run r;
	struct summary m;
	int err;

	memset(&r, 0, sizeof(r));
	if (parse_args(&r, argc, argv) < 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	raise_nofile(r.n);
	lg_session_warmup();
	r.rss_base_kb = proc_status_kb("VmRSS");
	r.sess = calloc(r.n, sizeof(*r.sess));
	if (!r.sess) {
		fprintf(stderr, "loadgen: no memory for %u sessions\n", r.n);
		return 1;
	}
	err = run_all(&r);
	if (err < 0)
		fprintf(stderr, "loadgen: event loop: %s\n", strerror(-err));
	/* Never started because a signal cut the ramp short. */
	r.failed[LG_ABORTED] += r.n - r.next;
	summarize(&r, &m);
	if (r.json)
		report_json(&r, &m);
	else
		report_text(&r, &m);
	if (r.addresses && !r.addresses_written)
		r.addr_err = write_addresses(&r);
	if (r.addr_err < 0)
		err = r.addr_err;
	free(r.sess);
	return !err && r.up == r.n && !r.dropped &&
	       (!r.ctx.ping || r.pings_ok == r.up) ? 0 : 1;
}
