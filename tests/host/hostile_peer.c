// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile PPP peer for nlpppd: it spawns the daemon on one end of a
 * socketpair (nlpppd notty) or of a pty (the daemon's device, so the kernel
 * data plane's line discipline frames the link), abuses it phase by phase,
 * and then negotiates properly. Every check prints one line that
 * tests/host/test_hostile.sh and tests/vm/test_hostile_kernel.sh count:
 *
 *   ok   PHASE: what held
 *   FAIL PHASE: what did not
 *
 * Scenarios (--scenario):
 *   main           the phases in --phases (default abcdefg):
 *     a  line noise before LCP: garbage, runts, bad FCS, frames far above
 *        the MRU, bad escapes, aborts, a 70000-byte run without a flag
 *     b  malformed LCP: bad lengths, truncated and zero-length options,
 *        duplicate and contradictory options, unknown codes, a
 *        Configure-Nak loop, Protocol-Reject of LCP, unknown protocols
 *     c  LCP opens; malformed PAP and CHAP, unknown protocols; then CHAP
 *        (we authenticate to the daemon) and PAP (the daemon to us)
 *     d  IPCP/IPv6CP Configure-Request storm while Opened; must reopen
 *     e  Echo-Request flood while not reading: queue capped, RSS flat
 *     f  valid frames as fast as possible: the control socket answers
 *        and the daemon's echo timer still runs
 *     g  LCP renegotiation, auth, IPCP again, an ICMP echo through the
 *        daemon's interface, Terminate-Request, the exit status
 *   pap-wrong      malformed and wrong PAP requests: Nak, exit 11
 *   chap-wrong     a wrong CHAP Response with a huge name: Failure, exit 11
 *   chap-own-name  a Challenge in the daemon's own name: no answer, exit 19
 *   hangup         the line drops after LCP opens: exit 16
 *
 * Usage: hostile_peer [options] -- nlpppd-argv... (@PTY@ in it stands for
 * the pty slave with --pty). Traffic goes only to the daemon and, through
 * its interface, to the network namespace both run in.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "libppp/fcs.h"
#include "libppp/hdlc.h"
#include "libppp/ppp.h"

enum {
	RXCAP = 80 * 1024,	/* we accept anything the daemon could send */
	INBOX_MAX = 512,
	FRAME_MAX = 20000,
	LCP_MRU = 1, LCP_ACCM = 2, LCP_AUTH = 3, LCP_MAGIC = 5, LCP_PFC = 7, LCP_ACFC = 8,
	IPCP_ADDR = 3, IPV6CP_IFID = 1,
	FLOOD_BATCH = 1024,	/* frames per write: the daemon's input never runs dry */
};

struct frame {
	uint16_t proto;
	size_t len;
	uint8_t *p;		/* the information field */
};

static struct {
	/* options */
	const char *scenario, *phases, *ctl, *ifname, *dlog;
	const char *chap_name, *chap_secret, *chap_wrong;	/* we, to the daemon */
	const char *pap_user, *pap_pass, *pap_wrong;		/* the daemon, to us */
	const char *own_name;
	bool pty, kernel, ipv6;
	int expect_exit;
	long rss_slack_kb;
	uint32_t our_ip, daemon_ip;

	/* the line */
	int fd, slave;
	pid_t pid;
	bool exited;
	int status;
	struct ppp_hdlc_rx rx;
	uint8_t rxbuf[RXCAP];
	struct ppp_hdlc_tx tx;
	struct frame inbox[INBOX_MAX];
	unsigned int in_head, in_len;
	bool auto_echo;		/* answer the daemon's Echo-Requests */
	uint64_t daemon_echoes, echo_replies, frames_in;
	uint32_t magic;
	uint8_t id;

	/* where the link is */
	bool lcp_up, auth_up, ip_up;
	uint16_t daemon_wants_auth;

	const char *phase;
	int passed, failed;
} P;

/* --- reporting --------------------------------------------------------------- */

static void report(bool good, const char *fmt, va_list ap)
{
	printf("%s %s: ", good ? "ok  " : "FAIL", P.phase);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	if (good)
		P.passed++;
	else
		P.failed++;
}

static bool check(bool cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	return cond;
}

static void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("info %s: ", P.phase);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	va_end(ap);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- the daemon process ------------------------------------------------------ */

static void reap(bool block)
{
	int st;

	if (P.exited || P.pid <= 0)
		return;
	if (waitpid(P.pid, &st, block ? 0 : WNOHANG) == P.pid) {
		P.exited = true;
		P.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
}

static bool alive(void)
{
	reap(false);
	return !P.exited;
}

static long rss_kb(void)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)P.pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* Wait up to @ms for the daemon to exit; its status, or -1. */
static int wait_exit(int ms)
{
	uint64_t end = now_ms() + ms;

	while (!P.exited && now_ms() < end) {
		reap(false);
		if (!P.exited)
			usleep(20000);
	}
	return P.exited ? P.status : -1;
}

static int spawn(char **argv)
{
	int sv[2], logfd;
	char *slave = NULL;

	if (P.pty) {
		struct termios tio;

		P.fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (P.fd < 0 || grantpt(P.fd) < 0 || unlockpt(P.fd) < 0 || !(slave = ptsname(P.fd)))
			return -errno;
		/* Raw before the daemon opens it: no echo of what we send early. */
		P.slave = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (P.slave < 0 || tcgetattr(P.slave, &tio) < 0)
			return -errno;
		cfmakeraw(&tio);
		tcsetattr(P.slave, TCSANOW, &tio);
		for (char **a = argv; *a; a++)
			if (!strcmp(*a, "@PTY@"))
				*a = slave;
	} else {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
			return -errno;
		P.fd = sv[0];
		/* Room for a flood that outpaces the daemon (root may force it). */
		{
			int sz = 8 << 20;

			if (setsockopt(P.fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)) < 0)
				setsockopt(P.fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
		}
	}
	logfd = open(P.dlog, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (logfd < 0)
		return -errno;
	P.pid = fork();
	if (P.pid < 0)
		return -errno;
	if (P.pid == 0) {
		if (!P.pty) {
			dup2(sv[1], 0);
			dup2(sv[1], 1);
		} else {
			int null = open("/dev/null", O_RDWR);

			dup2(null, 0);
			dup2(logfd, 1);
		}
		dup2(logfd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(logfd);
	if (!P.pty)
		close(sv[1]);
	fcntl(P.fd, F_SETFL, fcntl(P.fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* --- receiving --------------------------------------------------------------- */

static void send_cp(uint16_t proto, uint8_t code, uint8_t id, const void *data, size_t len);

static void inbox_put(uint16_t proto, const uint8_t *p, size_t len)
{
	struct frame *f;

	if (P.in_len == INBOX_MAX) {	/* drop the oldest */
		free(P.inbox[P.in_head].p);
		P.in_head = (P.in_head + 1) % INBOX_MAX;
		P.in_len--;
	}
	f = &P.inbox[(P.in_head + P.in_len) % INBOX_MAX];
	f->proto = proto;
	f->len = len;
	f->p = malloc(len ? len : 1);
	if (!f->p)
		abort();
	memcpy(f->p, p, len);
	P.in_len++;
}

static void frame_in(void *ctx, uint8_t *frame, size_t len)
{
	uint16_t proto;
	int hl = ppp_hdr_parse(frame, len, &proto);

	if (hl < 0)
		return;
	frame += hl;
	len -= hl;
	P.frames_in++;
	if (proto == PPP_PROTO_LCP && len >= 8 && frame[0] == PPP_ECHOREQ) {
		P.daemon_echoes++;
		if (P.auto_echo) {
			uint8_t rep[4];

			ppp_put_be32(rep, P.magic);
			send_cp(PPP_PROTO_LCP, PPP_ECHOREP, frame[1], rep, 4);
		}
		return;
	}
	if (proto == PPP_PROTO_LCP && len >= 4 && frame[0] == PPP_ECHOREP) {
		P.echo_replies++;
		return;
	}
	inbox_put(proto, frame, len);
}

/* Read what is there now (at most @max_reads reads); -1 on EOF/EIO. */
static int read_some(int max_reads)
{
	uint8_t buf[65536];
	int i;

	for (i = 0; i < max_reads; i++) {
		ssize_t n = read(P.fd, buf, sizeof(buf));

		if (n > 0) {
			ppp_hdlc_decode(&P.rx, buf, n, frame_in, NULL);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		return -1;
	}
	return 0;
}

/* Wait up to @ms for input, take it. */
static void pump(int ms)
{
	struct pollfd p = { .fd = P.fd, .events = POLLIN };

	reap(false);
	if (poll(&p, 1, ms) > 0) {
		if (read_some(64) < 0 && ms)
			usleep(ms * 1000);	/* the far end is gone: do not spin */
	}
}

/* Read until the line has been quiet for @quiet ms (at most @max ms). */
static void drain(int quiet, int max)
{
	uint64_t end = now_ms() + max, last = P.frames_in;
	uint64_t q = now_ms() + quiet;

	while (now_ms() < end && now_ms() < q) {
		pump(20);
		if (P.frames_in != last) {
			last = P.frames_in;
			q = now_ms() + quiet;
		}
	}
}

static void inbox_clear(void)
{
	while (P.in_len) {
		free(P.inbox[P.in_head].p);
		P.in_head = (P.in_head + 1) % INBOX_MAX;
		P.in_len--;
	}
}

/*
 * The first frame of @proto (and @code, unless -1) within @ms, taken out of
 * the inbox into @out (whose p the caller frees); false on timeout.
 */
static bool expect(uint16_t proto, int code, int ms, struct frame *out)
{
	uint64_t end = now_ms() + ms;

	for (;;) {
		unsigned int i;

		for (i = 0; i < P.in_len; i++) {
			struct frame *f = &P.inbox[(P.in_head + i) % INBOX_MAX];

			if (f->proto != proto || (code >= 0 && (!f->len || f->p[0] != code)))
				continue;
			*out = *f;
			/* close the gap */
			for (; i + 1 < P.in_len; i++)
				P.inbox[(P.in_head + i) % INBOX_MAX] =
					P.inbox[(P.in_head + i + 1) % INBOX_MAX];
			P.in_len--;
			return true;
		}
		if (now_ms() >= end)
			return false;
		pump(end - now_ms() > 50 ? 50 : (int)(end - now_ms()));
	}
}

/* --- sending ----------------------------------------------------------------- */

/* Write all of @p unless the daemon stops reading for 5 s; false then. */
static bool send_raw(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t end = now_ms() + 5000;

	while (n) {
		ssize_t w = write(P.fd, b, n);

		if (w > 0) {
			b += w;
			n -= w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return false;
		if (now_ms() > end)
			return false;
		{
			struct pollfd pf = { .fd = P.fd, .events = POLLOUT };

			poll(&pf, 1, 20);
		}
	}
	return true;
}

static size_t encode(uint8_t *out, uint16_t proto, const void *data, size_t len)
{
	uint8_t frame[FRAME_MAX + 4];

	frame[0] = PPP_ALLSTATIONS;
	frame[1] = PPP_UI;
	ppp_put_be16(frame + 2, proto);
	if (len)
		memcpy(frame + 4, data, len);
	return ppp_hdlc_encode(&P.tx, frame, len + 4, out, true);
}

static bool send_frame(uint16_t proto, const void *data, size_t len)
{
	static uint8_t out[2 * (FRAME_MAX + 8) + 2];

	if (len > FRAME_MAX)
		return false;
	return send_raw(out, encode(out, proto, data, len));
}

static void send_cp(uint16_t proto, uint8_t code, uint8_t id, const void *data, size_t len)
{
	uint8_t pkt[FRAME_MAX];

	pkt[0] = code;
	pkt[1] = id;
	ppp_put_be16(pkt + 2, len + 4);
	if (len)
		memcpy(pkt + 4, data, len);
	send_frame(proto, pkt, len + 4);
}

/* A raw control packet whose Length field says @claimed. */
static void send_cp_len(uint16_t proto, uint8_t code, uint16_t claimed, const void *data,
			size_t len)
{
	uint8_t pkt[FRAME_MAX];

	pkt[0] = code;
	pkt[1] = ++P.id;
	ppp_put_be16(pkt + 2, claimed);
	if (len)
		memcpy(pkt + 4, data, len);
	send_frame(proto, pkt, len + 4);
}

/* Send one Echo-Request and wait for its reply: the daemon answers LCP. */
static bool echo_answered(int ms)
{
	uint64_t before = P.echo_replies, end = now_ms() + ms;
	uint8_t d[8];

	ppp_put_be32(d, P.magic);
	memcpy(d + 4, "ping", 4);
	send_cp(PPP_PROTO_LCP, PPP_ECHOREQ, ++P.id, d, sizeof(d));
	while (P.echo_replies == before && now_ms() < end)
		pump(50);
	return P.echo_replies > before;
}

/* --- nlpppctl ---------------------------------------------------------------- */

/*
 * Run "CTL ARGS" (a shell command line) and collect its stdout while the
 * link keeps being read (and, with @flood, written by @flood). Returns its
 * exit status, or -1 if it did not end within @ms; *@took the time it took.
 */
static int ctl_run(const char *args, char *out, size_t outsz, int ms, uint64_t *took,
		   void (*flood)(void))
{
	char cmd[1024];
	int pfd[2], st = -1;
	size_t got = 0;
	uint64_t t0 = now_ms();
	pid_t pid;

	snprintf(cmd, sizeof(cmd), "%s %s", P.ctl, args);
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	out[0] = 0;
	for (;;) {
		ssize_t n;

		if (flood)
			flood();
		else
			pump(10);
		while ((n = read(pfd[0], out + got, outsz - 1 - got)) > 0)
			got += n;
		out[got] = 0;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			while ((n = read(pfd[0], out + got, outsz - 1 - got)) > 0)
				got += n;
			out[got] = 0;
			st = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
			break;
		}
		if (now_ms() - t0 > (uint64_t)ms) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			st = -1;
			break;
		}
	}
	close(pfd[0]);
	if (took)
		*took = now_ms() - t0;
	return st;
}

/* The number after "key": in JSON text, or -1. */
static long long json_num(const char *s, const char *key)
{
	char k[64];
	const char *p;

	snprintf(k, sizeof(k), "\"%s\"", key);
	p = strstr(s, k);
	if (!p)
		return -1;
	p += strlen(k);
	while (*p == ' ' || *p == ':')
		p++;
	return *p >= '0' && *p <= '9' ? strtoll(p, NULL, 10) : -1;
}

/* Counters of the link, from nlpppctl show IFNAME stats; false if no answer. */
static bool ctl_stats(char *buf, size_t sz)
{
	char args[128];

	snprintf(args, sizeof(args), "--json show %s stats", P.ifname);
	return ctl_run(args, buf, sz, 10000, NULL, NULL) == 0;
}

/* @section's "state" in nlpppctl show, whitespace ignored, is "opened". */
static bool ctl_opened(const char *section)
{
	char args[128], buf[8192], want[64], *s, *d;

	snprintf(args, sizeof(args), "--json show %s %s", P.ifname, section);
	if (ctl_run(args, buf, sizeof(buf), 10000, NULL, NULL) != 0)
		return false;
	for (s = d = buf; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t')
			*d++ = *s;
	*d = 0;
	snprintf(want, sizeof(want), "\"%s\":{\"state\":\"opened\"", section);
	return strstr(buf, want) != NULL;
}

/* --- negotiation ------------------------------------------------------------- */

static uint8_t *opt(uint8_t *p, uint8_t type, const void *v, size_t n)
{
	p[0] = type;
	p[1] = n + 2;
	memcpy(p + 2, v, n);
	return p + 2 + n;
}

/* Find option @type in an option list; its value and length, or NULL. */
static const uint8_t *find_opt(const uint8_t *p, size_t len, uint8_t type, size_t *vlen)
{
	while (len >= 2 && p[1] >= 2 && p[1] <= len) {
		if (p[0] == type) {
			*vlen = p[1] - 2;
			return p + 2;
		}
		len -= p[1];
		p += p[1];
	}
	return NULL;
}

/*
 * LCP to Opened: our request (magic; Authentication-Protocol PAP when
 * @want_pap), every request of the daemon acked. The authentication
 * protocol the daemon asks for lands in P.daemon_wants_auth.
 */
static bool lcp_open(bool want_pap, int ms)
{
	uint8_t req[32], *e = req, mg[4], pap[2];
	uint8_t our_id = ++P.id;
	bool acked = false, acking = false;
	uint64_t end = now_ms() + ms, resend = 0;
	struct frame f;

	ppp_put_be32(mg, P.magic);
	e = opt(e, LCP_MAGIC, mg, 4);
	if (want_pap) {
		ppp_put_be16(pap, PPP_PROTO_PAP);
		e = opt(e, LCP_AUTH, pap, 2);
	}
	P.lcp_up = P.auth_up = P.ip_up = false;
	while (now_ms() < end && !(acked && acking)) {
		if (!acked && now_ms() >= resend) {
			send_cp(PPP_PROTO_LCP, PPP_CONFREQ, our_id, req, e - req);
			resend = now_ms() + 1500;
		}
		if (!expect(PPP_PROTO_LCP, -1, 50, &f))
			continue;
		if (f.len >= 4) {
			size_t olen = f.len - 4, vl;
			const uint8_t *v;

			switch (f.p[0]) {
			case PPP_CONFREQ:
				v = find_opt(f.p + 4, olen, LCP_AUTH, &vl);
				P.daemon_wants_auth = v && vl >= 2 ? ppp_get_be16(v) : 0;
				send_cp(PPP_PROTO_LCP, PPP_CONFACK, f.p[1], f.p + 4, olen);
				acking = true;
				break;
			case PPP_CONFACK:
				if (f.p[1] == our_id)
					acked = true;
				break;
			case PPP_CONFNAK:
			case PPP_CONFREJ:
				note("daemon %s our LCP request", f.p[0] == PPP_CONFNAK ? "naked" : "rejected");
				break;
			case PPP_TERMREQ:
				send_cp(PPP_PROTO_LCP, PPP_TERMACK, f.p[1], NULL, 0);
				break;
			}
		}
		free(f.p);
	}
	P.lcp_up = acked && acking;
	return P.lcp_up;
}

static void chap_md5(uint8_t id, const char *secret, const uint8_t *chal, size_t clen,
		     uint8_t out[16])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n;

	EVP_DigestInit_ex(c, EVP_md5(), NULL);
	EVP_DigestUpdate(c, &id, 1);
	EVP_DigestUpdate(c, secret, strlen(secret));
	EVP_DigestUpdate(c, chal, clen);
	EVP_DigestFinal_ex(c, out, &n);
	EVP_MD_CTX_free(c);
}

/* The daemon's Challenge: its id and value (into @chal, @clen). */
static bool chap_challenge(uint8_t *id, uint8_t *chal, size_t *clen, int ms)
{
	struct frame f;
	bool ok = false;

	if (!expect(PPP_PROTO_CHAP, 1, ms, &f))
		return false;
	if (f.len >= 5 && f.p[4] && 5u + f.p[4] <= f.len && f.p[4] <= 64) {
		*id = f.p[1];
		*clen = f.p[4];
		memcpy(chal, f.p + 5, *clen);
		ok = true;
	}
	free(f.p);
	return ok;
}

static size_t chap_response(uint8_t *pkt, uint8_t id, const char *secret,
			    const uint8_t *chal, size_t clen, const char *name, size_t nlen)
{
	pkt[0] = 16;
	chap_md5(id, secret, chal, clen, pkt + 1);
	memcpy(pkt + 17, name, nlen);
	return 17 + nlen;
}

/* We authenticate ourselves with CHAP: true on Success. */
static bool chap_auth(int ms)
{
	uint8_t id, chal[64], pkt[300];
	size_t clen, n;
	struct frame f;
	bool ok;

	if (!chap_challenge(&id, chal, &clen, ms))
		return false;
	n = chap_response(pkt, id, P.chap_secret, chal, clen, P.chap_name, strlen(P.chap_name));
	send_cp(PPP_PROTO_CHAP, 2, id, pkt, n);
	ok = expect(PPP_PROTO_CHAP, 3, 5000, &f);
	if (ok)
		free(f.p);
	return ok;
}

/* The daemon authenticates itself to us with PAP: check and ack it. */
static bool pap_serve(int ms, bool *creds_ok)
{
	struct frame f;
	size_t ul, pl;
	const char *msg = "welcome";
	uint8_t m[16];

	*creds_ok = false;
	if (!expect(PPP_PROTO_PAP, 1, ms, &f))
		return false;
	if (f.len >= 6) {
		ul = f.p[4];
		pl = 5 + ul < f.len ? f.p[5 + ul] : 0;
		*creds_ok = 6 + ul + pl <= f.len && ul == strlen(P.pap_user) &&
			    !memcmp(f.p + 5, P.pap_user, ul) && pl == strlen(P.pap_pass) &&
			    !memcmp(f.p + 6 + ul, P.pap_pass, pl);
	}
	m[0] = strlen(msg);
	memcpy(m + 1, msg, m[0]);
	send_cp(PPP_PROTO_PAP, 2, f.p[1], m, 1 + m[0]);
	free(f.p);
	return true;
}

/*
 * One NCP to Opened: our request @req, the daemon's acked (a Nak from the
 * daemon is taken as the value to use). Earlier requests are dropped.
 */
static bool ncp_open(uint16_t proto, uint8_t *req, size_t rlen, int ms)
{
	uint8_t our_id = ++P.id;
	bool acked = false, acking = false;
	uint64_t end = now_ms() + ms, resend = 0;
	struct frame f;

	while (now_ms() < end && !(acked && acking)) {
		if (!acked && now_ms() >= resend) {
			send_cp(proto, PPP_CONFREQ, our_id, req, rlen);
			resend = now_ms() + 1500;
		}
		if (!expect(proto, -1, 50, &f))
			continue;
		if (f.len >= 4) {
			switch (f.p[0]) {
			case PPP_CONFREQ:
				send_cp(proto, PPP_CONFACK, f.p[1], f.p + 4, f.len - 4);
				acking = true;
				break;
			case PPP_CONFACK:
				if (f.p[1] == our_id)
					acked = true;
				break;
			case PPP_CONFNAK:	/* take the daemon's values */
				if (f.p[1] == our_id && f.len - 4 == rlen) {
					memcpy(req, f.p + 4, rlen);
					our_id = ++P.id;
					resend = 0;
				}
				break;
			case PPP_CONFREJ:	/* our one option: do without it */
				if (f.p[1] == our_id) {
					note("daemon rejected our %s option", proto == PPP_PROTO_IPCP ?
					     "IPCP" : "IPv6CP");
					rlen = 0;
					our_id = ++P.id;
					resend = 0;
				}
				break;
			case PPP_TERMREQ:
				send_cp(proto, PPP_TERMACK, f.p[1], NULL, 0);
				break;
			}
		}
		free(f.p);
	}
	return acked && acking;
}

static bool ipcp_open(int ms)
{
	uint8_t req[6], a[4];

	ppp_put_be32(a, P.our_ip);
	opt(req, IPCP_ADDR, a, 4);
	return ncp_open(PPP_PROTO_IPCP, req, sizeof(req), ms);
}

static bool ipv6cp_open(int ms)
{
	uint8_t req[10], id[8] = { 0x02, 0, 0, 0, 0, 0, 0x77, 0x02 };

	opt(req, IPV6CP_IFID, id, 8);
	return ncp_open(PPP_PROTO_IPV6CP, req, sizeof(req), ms);
}

/* LCP, our CHAP, the daemon's PAP, IPCP (and IPv6CP): what is missing. */
static bool bring_up(bool renegotiate)
{
	bool creds;

	if (renegotiate || !P.lcp_up) {
		inbox_clear();
		if (!check(lcp_open(true, 15000), "LCP opens"))
			return false;
	}
	if (!P.auth_up) {
		bool chap = chap_auth(10000), pap = pap_serve(10000, &creds);

		check(chap, "CHAP: we authenticate to the daemon, it says Success");
		check(pap && creds, "PAP: the daemon authenticates to us with its user and password");
		P.auth_up = chap && pap;
	}
	if (!P.ip_up) {
		P.ip_up = check(ipcp_open(10000), "IPCP opens");
		if (P.ipv6)
			P.ip_up &= check(ipv6cp_open(10000), "IPv6CP opens");
	}
	return P.lcp_up && P.auth_up && P.ip_up;
}

/* --- phase a: the line ------------------------------------------------------- */

static void phase_line_noise(void)
{
	uint8_t buf[80000], good[64], frame[64];
	struct frame f;
	size_t n, i;
	unsigned int seed = 12345;

	P.phase = "a-line-noise";
	/* Random bytes: now and then a flag, mostly bad frames. */
	for (i = 0; i < 65536; i++)
		buf[i] = rand_r(&seed) & 0xff;
	send_raw(buf, 65536);
	/* Runts: 0 to 3 bytes between flags. */
	send_raw("\x7e\x7e\x7e\x01\x7e\xff\x03\x7e\xff\x03\xc0\x7e\x7d\x7e", 14);
	/* Bad FCS: a valid LCP Configure-Request with its FCS bytes flipped. */
	ppp_put_be32(frame, P.magic);
	for (i = 0; i < 20; i++) {
		uint8_t opts[6];

		opt(opts, LCP_MAGIC, frame, 4);
		good[0] = PPP_CONFREQ;
		good[1] = 200 + i;
		ppp_put_be16(good + 2, 10);
		memcpy(good + 4, opts, 6);
		n = encode(buf, PPP_PROTO_LCP, good, 10);
		buf[n - 2] ^= 0x5a;	/* the second FCS byte (never a flag or escape here) */
		if (buf[n - 2] == PPP_FLAG || buf[n - 2] == PPP_ESCAPE)
			buf[n - 2] ^= 0x01;
		send_raw(buf, n);
	}
	/* Oversize: 70000 bytes without a flag, then a 5000-byte frame with a good FCS. */
	memset(buf, 0x41, 70000);
	send_raw("\x7e", 1);
	send_raw(buf, 70000);
	{
		static uint8_t big[5000];

		memset(big, 0, sizeof(big));
		big[0] = PPP_ECHOREQ;
		big[1] = 1;
		ppp_put_be16(big + 2, sizeof(big));
		n = encode(buf, PPP_PROTO_LCP, big, sizeof(big));
		send_raw(buf, n);
	}
	/* Bad escapes: escape before a flag (an abort), escaped escapes, escape at the end. */
	send_raw("\x7e\xff\x7d\x23\xc0\x21\x7d\x7e", 8);
	send_raw("\x7e\x7d\x7d\x7d\x7d\x7d\x5d\x7e", 8);
	send_raw("\x7e\xff\x03\xc0\x21\x01\x7d", 7);
	send_raw("\x7e", 1);
	/* Aborts mid-frame, repeatedly. */
	for (i = 0; i < 10; i++)
		send_raw("\x7e\xff\x03\xc0\x21\x01\x01\x7d\x7e", 9);
	/* A data frame and an unknown protocol before LCP is open: dropped. */
	send_frame(PPP_PROTO_IP, "\x45\x00\x00\x14", 4);
	send_frame(0x4021, "junk", 4);
	send_raw("\x7e", 1);

	check(alive(), "daemon survives 200 kB of line noise");
	/* Still negotiating: a Configure-Request comes (restart timer: 3 s). */
	inbox_clear();
	if (check(expect(PPP_PROTO_LCP, PPP_CONFREQ, 8000, &f),
		  "daemon still sends LCP Configure-Requests after the noise"))
		free(f.p);
}

/* --- phase b: malformed LCP --------------------------------------------------- */

static void lcp_req_raw(const uint8_t *opts, size_t len)
{
	send_cp(PPP_PROTO_LCP, PPP_CONFREQ, ++P.id, opts, len);
}

static void phase_malformed_lcp(void)
{
	uint8_t o[64], mg[4];
	struct frame f;
	int i, naks = 0;
	bool dropped_accm = false, coderej = false;

	P.phase = "b-malformed-lcp";
	ppp_put_be32(mg, P.magic);
	/* Length fields that lie. */
	send_cp_len(PPP_PROTO_LCP, PPP_CONFREQ, 200, "\x05\x06\x01\x02\x03\x04", 6);
	send_cp_len(PPP_PROTO_LCP, PPP_CONFREQ, 2, "", 0);
	send_cp_len(PPP_PROTO_LCP, PPP_CONFREQ, 0, "\x01\x04\x05\xdc", 4);
	send_cp_len(PPP_PROTO_LCP, PPP_CONFACK, 65535, "", 0);
	send_frame(PPP_PROTO_LCP, "\x01", 1);
	send_frame(PPP_PROTO_LCP, "", 0);
	/* Truncated options, zero- and one-byte option lengths. */
	lcp_req_raw((const uint8_t *)"\x01\x06\x05", 3);
	lcp_req_raw((const uint8_t *)"\x05\x00\x01\x02\x03\x04", 6);
	lcp_req_raw((const uint8_t *)"\x05\x01\x01\x02\x03\x04", 6);
	lcp_req_raw((const uint8_t *)"\x01\x00", 2);
	lcp_req_raw((const uint8_t *)"\x03\x02", 2);		/* auth without a protocol */
	lcp_req_raw((const uint8_t *)"\x03\x05\xc2\x23\x07", 5);	/* CHAP, unknown algorithm */
	lcp_req_raw((const uint8_t *)"\x02\x05\x00\x00\x00", 5);	/* short ACCM */
	lcp_req_raw((const uint8_t *)"\x01\x03\x05", 3);		/* short MRU */
	lcp_req_raw((const uint8_t *)"\x01\x04\x00\x00", 4);	/* MRU 0 */
	lcp_req_raw((const uint8_t *)"\x01\x04\xff\xff", 4);	/* MRU 65535 */
	lcp_req_raw((const uint8_t *)"\x07\x03\x00", 3);		/* PFC with a value */
	/* Duplicates and contradictions: two MRUs, two magics, PAP and CHAP. */
	lcp_req_raw((const uint8_t *)"\x01\x04\x05\xdc\x01\x04\x00\x80", 8);
	memcpy(o, "\x05\x06\x11\x22\x33\x44\x05\x06\x55\x66\x77\x88", 12);
	lcp_req_raw(o, 12);
	lcp_req_raw((const uint8_t *)"\x03\x04\xc0\x23\x03\x05\xc2\x23\x05", 9);
	/* Magic 0 (not allowed). */
	lcp_req_raw((const uint8_t *)"\x05\x06\x00\x00\x00\x00", 6);
	/* 60 unknown options. */
	for (i = 0; i < 30; i++) {
		o[2 * i] = 100 + i;
		o[2 * i + 1] = 2;
	}
	lcp_req_raw(o, 60);
	/* Unsolicited replies: Ack, Nak, Reject with ids we never used; Terminate-Ack. */
	send_cp(PPP_PROTO_LCP, PPP_CONFACK, 77, "\x01\x04\x05\xdc", 4);
	send_cp(PPP_PROTO_LCP, PPP_CONFNAK, 78, "\x01\x04\x05\xdc", 4);
	send_cp(PPP_PROTO_LCP, PPP_CONFREJ, 79, "\x99\x02", 2);
	send_cp(PPP_PROTO_LCP, PPP_TERMACK, 80, NULL, 0);
	/* Echo and Discard before Opened (ignored), Protocol-Reject of LCP itself. */
	send_cp(PPP_PROTO_LCP, PPP_ECHOREQ, 81, mg, 4);
	send_cp(PPP_PROTO_LCP, PPP_DISCREQ, 82, mg, 4);
	send_cp(PPP_PROTO_LCP, PPP_PROTREJ, 83, "\xc0\x21\x01\x01\x00\x04", 6);
	/* (A Code-Reject of codes 1-7 is catastrophic, RFC 1661 5.6: one of 12 is not.) */
	send_cp(PPP_PROTO_LCP, PPP_CODEREJ, 84, "\x0c\x01\x00\x04", 4);
	/* Unknown codes: Code-Reject expected (RFC 1661 5.6). */
	inbox_clear();
	send_cp(PPP_PROTO_LCP, 0, 85, NULL, 0);
	send_cp(PPP_PROTO_LCP, 200, 86, "xyz", 3);
	send_cp(PPP_PROTO_LCP, 255, 87, NULL, 0);
	/* Protocols that do not exist, and an even (invalid) protocol number. */
	send_frame(0x8023, "\x01\x01\x00\x04", 4);
	send_frame(0xc0c0, "\x01\x01\x00\x04", 4);
	send_frame(0x0021 | 0x0100, "\x45", 1);
	for (i = 0; i < 20 && !coderej; i++) {
		if (expect(PPP_PROTO_LCP, PPP_CODEREJ, 100, &f)) {
			coderej = f.len >= 5 && (f.p[4] == 200 || f.p[4] == 255 || f.p[4] == 0);
			free(f.p);
		}
	}
	check(coderej, "unknown LCP code answered with Code-Reject");
	check(alive(), "daemon survives malformed LCP packets");

	/* The Nak loop: Nak the daemon's ACCM with ever new values. */
	inbox_clear();
	for (i = 0; i < 12 && !dropped_accm; i++) {
		size_t vl;
		uint8_t nak[6];

		if (!expect(PPP_PROTO_LCP, PPP_CONFREQ, 5000, &f))
			break;
		if (!find_opt(f.p + 4, f.len - 4, LCP_ACCM, &vl)) {
			dropped_accm = naks > 0;
		} else {
			opt(nak, LCP_ACCM, "\x00\x0a\x00\x00", 4);
			nak[5] = i;
			send_cp(PPP_PROTO_LCP, PPP_CONFNAK, f.p[1], nak, 6);
			naks++;
		}
		free(f.p);
	}
	check(dropped_accm, "Configure-Nak loop ends: ACCM dropped after %d Naks (Max-Failure)", naks);
	check(alive(), "daemon survives the Nak loop");

	/* Reject all it asks for but authentication: it must carry on with that alone. */
	if (expect(PPP_PROTO_LCP, PPP_CONFREQ, 5000, &f)) {
		uint8_t rej[256];
		size_t rl = 0, off = 4, vl;

		while (off + 2 <= f.len && f.p[off + 1] >= 2 && off + f.p[off + 1] <= f.len) {
			if (f.p[off] != LCP_AUTH && rl + f.p[off + 1] <= sizeof(rej)) {
				memcpy(rej + rl, f.p + off, f.p[off + 1]);
				rl += f.p[off + 1];
			}
			off += f.p[off + 1];
		}
		send_cp(PPP_PROTO_LCP, PPP_CONFREJ, f.p[1], rej, rl);
		free(f.p);
		f.p = NULL;
		check(expect(PPP_PROTO_LCP, PPP_CONFREQ, 5000, &f) &&
		      find_opt(f.p + 4, f.len - 4, LCP_AUTH, &vl) && f.len == 4 + 2 + vl,
		      "after a Configure-Reject of all but auth, a request with auth alone");
		free(f.p);
	} else {
		check(false, "daemon still sends Configure-Requests after the Nak loop");
	}
}

/* --- phase c: authentication abuse ------------------------------------------ */

static void phase_auth_abuse(void)
{
	char stats[8192];
	uint8_t pkt[2000], id, chal[64];
	size_t clen, n;
	struct frame f;
	bool creds, got_protrej = false, chap, pap;
	int i;

	P.phase = "c-auth-abuse";
	inbox_clear();
	if (!check(lcp_open(true, 20000), "LCP opens after the abuse"))
		return;
	check(P.daemon_wants_auth == PPP_PROTO_CHAP, "the daemon asks for CHAP (require-chap)");
	if (!check(chap_challenge(&id, chal, &clen, 10000), "the daemon challenges us"))
		return;
	/* CHAP Responses: lying lengths, Value-Size past the end, empty, wrong id. */
	send_cp_len(PPP_PROTO_CHAP, 2, 3, "", 0);
	send_cp_len(PPP_PROTO_CHAP, 2, 1000, "\x10", 1);
	pkt[0] = 200;
	memset(pkt + 1, 'v', 20);
	send_cp(PPP_PROTO_CHAP, 2, id, pkt, 21);
	send_cp(PPP_PROTO_CHAP, 2, id, NULL, 0);
	n = chap_response(pkt, id + 1, P.chap_wrong, chal, clen, "x", 1);
	send_cp(PPP_PROTO_CHAP, 2, id + 1, pkt, n);
	memset(pkt + 17, 'N', 1400);		/* a huge name, the wrong id */
	send_cp(PPP_PROTO_CHAP, 2, id + 7, pkt, 17 + 1400);
	/* Challenges, Success and Failure the daemon never asked for. */
	send_cp(PPP_PROTO_CHAP, 1, 9, "\x00", 1);
	send_cp(PPP_PROTO_CHAP, 1, 9, "\x40\x01", 2);
	send_cp(PPP_PROTO_CHAP, 3, 9, "ok", 2);
	send_cp(PPP_PROTO_CHAP, 4, 99, "no", 2);
	send_cp(PPP_PROTO_CHAP, 77, 9, NULL, 0);
	/* PAP, which the daemon runs as the client here: bad lengths, wrong ids. */
	send_cp_len(PPP_PROTO_PAP, 1, 4000, "\x05", 1);
	send_cp(PPP_PROTO_PAP, 1, 1, "\xff\x01", 2);
	send_cp(PPP_PROTO_PAP, 1, 1, "\x01x\xff", 3);
	send_cp(PPP_PROTO_PAP, 2, 250, "\xffhello", 6);
	send_cp(PPP_PROTO_PAP, 3, 251, "\x00", 1);
	send_cp_len(PPP_PROTO_PAP, 3, 2, "", 0);
	/* Protocols nobody knows, now that LCP is open: Protocol-Reject each. */
	send_frame(0x4021, "unknown-protocol", 16);
	send_frame(0x80ff, "\x01\x01\x00\x04", 4);
	for (i = 0; i < 50 && !got_protrej; i++) {
		if (expect(PPP_PROTO_LCP, PPP_PROTREJ, 100, &f)) {
			got_protrej = f.len >= 6 && ppp_get_be16(f.p + 4) == 0x4021;
			free(f.p);
		}
	}
	check(got_protrej, "an unknown protocol is Protocol-Rejected once LCP is open");
	check(alive(), "daemon survives malformed PAP and CHAP");
	/* The right answer to the challenge still counts. */
	n = chap_response(pkt, id, P.chap_secret, chal, clen, P.chap_name, strlen(P.chap_name));
	send_cp(PPP_PROTO_CHAP, 2, id, pkt, n);
	chap = expect(PPP_PROTO_CHAP, 3, 5000, &f);
	if (chap)
		free(f.p);
	check(chap, "after the junk, the right CHAP Response gets Success");
	pap = pap_serve(10000, &creds);
	check(pap && creds, "the daemon authenticates to us with PAP, right user and password");
	P.auth_up = chap && pap;
	P.ip_up = check(ipcp_open(10000), "IPCP opens");
	if (P.ipv6)
		P.ip_up &= check(ipv6cp_open(10000), "IPv6CP opens");

	/* The noise of phase a was counted, not just survived. */
	if (check(ctl_stats(stats, sizeof(stats)), "nlpppctl show stats answers")) {
		note("rx_fcs_errors=%lld rx_frame_errors=%lld rx_overruns=%lld rx_aborts=%lld "
		     "rx_unknown_proto=%lld rx_dropped=%lld",
		     json_num(stats, "rx_fcs_errors"), json_num(stats, "rx_frame_errors"),
		     json_num(stats, "rx_overruns"), json_num(stats, "rx_aborts"),
		     json_num(stats, "rx_unknown_proto"), json_num(stats, "rx_dropped"));
		if (strchr(P.phases, 'a')) {
			check(json_num(stats, "rx_fcs_errors") >= 20, "bad FCS frames counted");
			check(json_num(stats, "rx_overruns") >= 1, "oversize frames counted");
			if (!P.kernel)
				check(json_num(stats, "rx_aborts") >= 10, "aborted frames counted");
		}
		check(json_num(stats, "rx_unknown_proto") >= 2, "unknown protocols counted");
	}
}

/* --- phase d: renegotiation storm --------------------------------------------- */

static void phase_storm(void)
{
	uint8_t req[16], a[4];
	int i;

	P.phase = "d-storm";
	if (!bring_up(false))
		return;
	P.auto_echo = true;
	for (i = 0; i < 300; i++) {
		/* Alternate addresses, some of them absurd. */
		uint32_t ip = i % 3 == 0 ? P.our_ip : i % 3 == 1 ? 0 : 0x7f000001;

		ppp_put_be32(a, ip);
		opt(req, IPCP_ADDR, a, 4);
		send_cp(PPP_PROTO_IPCP, PPP_CONFREQ, ++P.id, req, 6);
		if (P.ipv6) {
			uint8_t idv[8] = { 0x02, 0, 0, 0, 0, 0, (uint8_t)i, 0x02 };

			opt(req, IPV6CP_IFID, idv, 8);
			send_cp(PPP_PROTO_IPV6CP, PPP_CONFREQ, ++P.id, req, 10);
		}
		if (i % 20 == 0)
			pump(0);
	}
	/* Terminate-Requests and Acks for the NCPs in the middle of it. */
	send_cp(PPP_PROTO_IPCP, PPP_TERMREQ, ++P.id, "storm", 5);
	send_cp(PPP_PROTO_IPCP, PPP_CONFACK, ++P.id, "\x03\x06\x0a\x4d\x00\x01", 6);
	pump(200);
	check(alive(), "daemon survives 300 IPCP%s Configure-Requests in a row",
	      P.ipv6 ? " and IPv6CP" : "");
	check(echo_answered(5000), "LCP still answers Echo-Requests after the storm");
	/* Settle: whatever the daemon does with the storm, it must reopen. */
	drain(300, 3000);
	inbox_clear();
	{
		uint64_t t0 = now_ms();
		bool ip = ipcp_open(30000), ip6 = !P.ipv6 || ipv6cp_open(30000);

		check(ip, "IPCP reopens after the storm (%llu ms)",
		      (unsigned long long)(now_ms() - t0));
		if (P.ipv6)
			check(ip6, "IPv6CP reopens after the storm");
		P.ip_up = ip && ip6;
	}
	check(ctl_opened("ipcp"), "nlpppctl: IPCP opened after the storm");
	check(ctl_opened("lcp"), "nlpppctl: LCP still opened after the storm");
}

static uint16_t csum(const uint8_t *p, size_t n);

/* --- phase e: echo flood while not reading ----------------------------------- */

static long long echo_flood(int ms, int count, int *sent, long long *qbytes)
{
	static uint8_t buf[2 * (1500 + 8) + 2];
	uint8_t pkt[1400];
	uint64_t end = now_ms() + ms;
	char stats[8192];
	size_t n;

	*sent = 0;
	*qbytes = -1;
	ppp_put_be32(pkt, P.magic);
	memset(pkt + 4, 0x5a, sizeof(pkt) - 4);
	while (now_ms() < end && *sent < count) {
		uint8_t cp[1404];

		cp[0] = PPP_ECHOREQ;
		cp[1] = ++P.id;
		ppp_put_be16(cp + 2, sizeof(cp));
		memcpy(cp + 4, pkt, sizeof(pkt));
		n = encode(buf, PPP_PROTO_LCP, cp, sizeof(cp));
		if (!send_raw(buf, n))
			break;
		++*sent;
	}
	/* The queue while we still do not read (nlpppctl runs beside the line). */
	if (!P.kernel) {
		char args[128];

		snprintf(args, sizeof(args), "--json show %s stats", P.ifname);
		{
			/* run it without touching the line */
			char cmd[1024];
			FILE *pf;
			size_t got;

			snprintf(cmd, sizeof(cmd), "%s %s", P.ctl, args);
			pf = popen(cmd, "r");
			if (pf) {
				got = fread(stats, 1, sizeof(stats) - 1, pf);
				stats[got] = 0;
				pclose(pf);
				*qbytes = json_num(stats, "tx_queue_bytes");
			}
		}
	}
	drain(500, 20000);
	inbox_clear();
	if (!ctl_stats(stats, sizeof(stats)))
		return -1;
	return json_num(stats, "tx_queue_drops");
}

static void phase_echo_flood(void)
{
	long rss0, rss1, rss2;
	long long d1, d2, q1, q2;
	int s1, s2;

	P.phase = "e-echo-flood";
	if (!bring_up(false))
		return;
	P.auto_echo = true;
	rss0 = rss_kb();
	/* Warm-up: the queue grows to its cap once. */
	d1 = echo_flood(5000, 4000, &s1, &q1);
	rss1 = rss_kb();
	d2 = echo_flood(10000, 12000, &s2, &q2);
	rss2 = rss_kb();
	note("warm-up: %d Echo-Requests unread, queue %lld bytes, %lld queue drops; "
	     "flood: %d, queue %lld bytes, %lld queue drops; RSS %ld -> %ld -> %ld kB",
	     s1, q1, d1, s2, q2, d2, rss0, rss1, rss2);
	check(alive(), "daemon survives %d Echo-Requests while we do not read", s1 + s2);
	check(s2 == 12000, "the daemon kept reading: %d of 12000 1400-byte Echo-Requests taken", s2);
	if (!P.kernel) {
		check(d2 > d1 && d1 >= 0, "transmit queue capped: tx_queue_drops %lld -> %lld", d1, d2);
		check(q2 >= 0 && q2 <= 512 * 1024, "queued bytes bounded while unread (%lld)", q2);
	}
	check(rss1 > 0 && rss2 - rss1 <= P.rss_slack_kb,
	      "RSS flat: %ld kB after warm-up, %ld kB after the flood (slack %ld)",
	      rss1, rss2, P.rss_slack_kb);
	check(echo_answered(5000), "echo answered again once we read");
}

/* --- phase f: flood while asking the control socket -------------------------- */

static uint64_t flood_frames;

/*
 * One round of flooding: valid frames as fast as the line takes them, in
 * big batches so the daemon's input never runs dry; what the daemon sends
 * back is read in between.
 */
static void flood_round(void)
{
	static uint8_t out[FLOOD_BATCH * 80];
	static size_t n, off;
	uint8_t ip[28], echo[12];
	int i;

	if (off == n) {
		n = off = 0;
		/* UDP to the discard port of the daemon's address. */
		memset(ip, 0, sizeof(ip));
		ip[0] = 0x45;
		ppp_put_be16(ip + 2, sizeof(ip));
		ip[8] = 64;
		ip[9] = 17;
		ppp_put_be32(ip + 12, P.our_ip);
		ppp_put_be32(ip + 16, P.daemon_ip);
		ppp_put_be16(ip + 10, csum(ip, 20));
		ppp_put_be16(ip + 20, 40000);
		ppp_put_be16(ip + 22, 9);
		ppp_put_be16(ip + 24, 8);
		ppp_put_be32(echo, P.magic);
		memcpy(echo + 4, "floodfld", 8);
		for (i = 0; i < FLOOD_BATCH; i++) {
			/* The kernel plane hands the daemon control frames only. */
			if (P.kernel ? i % 4 == 0 : i % 64 == 0) {
				uint8_t cp[16];

				cp[0] = PPP_ECHOREQ;
				cp[1] = ++P.id;
				ppp_put_be16(cp + 2, 16);
				memcpy(cp + 4, echo, 12);
				n += encode(out + n, PPP_PROTO_LCP, cp, 16);
			} else {
				n += encode(out + n, PPP_PROTO_IP, ip, sizeof(ip));
			}
		}
		flood_frames += FLOOD_BATCH;
	}
	{
		ssize_t w = write(P.fd, out + off, n - off);

		if (w > 0)
			off += w;
	}
	read_some(4);
	reap(false);
	{
		struct pollfd p = { .fd = P.fd, .events = POLLOUT | POLLIN };

		poll(&p, 1, 5);
	}
}

static void phase_flood_ctl(void)
{
	char out[16384], args[64];
	uint64_t took1 = 0, took2 = 0, e0, t0, secs;
	int st1, st2;

	P.phase = "f-flood-ctl";
	if (!bring_up(false))
		return;
	P.auto_echo = true;
	flood_frames = 0;
	t0 = now_ms();
	e0 = P.daemon_echoes;
	while (now_ms() - t0 < 1000)
		flood_round();
	snprintf(args, sizeof(args), "list");
	st1 = ctl_run(args, out, sizeof(out), 15000, &took1, flood_round);
	check(st1 == 0 && strstr(out, P.ifname), "nlpppctl list answers under the flood (%llu ms)",
	      (unsigned long long)took1);
	snprintf(args, sizeof(args), "show %s stats", P.ifname);
	st2 = ctl_run(args, out, sizeof(out), 15000, &took2, flood_round);
	check(st2 == 0, "nlpppctl show answers under the flood (%llu ms)", (unsigned long long)took2);
	check(took1 < 5000 && took2 < 5000, "both within 5 s");
	while (now_ms() - t0 < 4500)
		flood_round();
	secs = (now_ms() - t0) / 1000;
	note("%llu frames in %llu s, %llu Echo-Requests from the daemon meanwhile",
	     (unsigned long long)flood_frames, (unsigned long long)secs,
	     (unsigned long long)(P.daemon_echoes - e0));
	check(P.daemon_echoes - e0 >= 2,
	      "the daemon's echo timer kept running: %llu Echo-Requests in %llu s of flood",
	      (unsigned long long)(P.daemon_echoes - e0), (unsigned long long)secs);
	check(alive(), "daemon survives the flood");
	drain(300, 10000);
	inbox_clear();
	check(echo_answered(5000), "echo answered after the flood");
}

/* --- phase g: proper renegotiation and the end -------------------------------- */

static uint16_t csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += ppp_get_be16(p + i);
	if (n & 1)
		s += p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s;
}

/* ICMP echo to the daemon's address; its kernel answers through the daemon. */
static bool icmp_through(void)
{
	uint8_t pkt[20 + 8 + 16];
	uint64_t end = now_ms() + 5000;
	struct frame f;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		memset(pkt, 0, sizeof(pkt));
		pkt[0] = 0x45;
		ppp_put_be16(pkt + 2, sizeof(pkt));
		ppp_put_be16(pkt + 4, 0x4242 + tries);
		pkt[8] = 64;
		pkt[9] = 1;
		ppp_put_be32(pkt + 12, P.our_ip);
		ppp_put_be32(pkt + 16, P.daemon_ip);
		ppp_put_be16(pkt + 10, csum(pkt, 20));
		pkt[20] = 8;	/* echo request */
		ppp_put_be16(pkt + 24, 0x7777);
		ppp_put_be16(pkt + 26, tries + 1);
		memcpy(pkt + 28, "hostile-peer-ok!", 16);
		ppp_put_be16(pkt + 22, csum(pkt + 20, 24));
		send_frame(PPP_PROTO_IP, pkt, sizeof(pkt));
		end = now_ms() + 2000;
		while (now_ms() < end) {
			if (!expect(PPP_PROTO_IP, -1, 100, &f))
				continue;
			if (f.len >= 44 && f.p[9] == 1 && f.p[20] == 0 &&
			    ppp_get_be32(f.p + 12) == P.daemon_ip &&
			    !memcmp(f.p + 28, "hostile-peer-ok!", 16)) {
				free(f.p);
				return true;
			}
			free(f.p);
		}
	}
	return false;
}

/* The daemon's interface is administratively up, in our network namespace. */
static bool iface_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool up;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", P.ifname);
	up = s >= 0 && ioctl(s, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_UP);
	if (s >= 0)
		close(s);
	return up;
}

static void phase_final(void)
{
	struct frame f;
	int st;

	P.phase = "g-renegotiate";
	if (!bring_up(true))
		return;
	P.auto_echo = true;
	{
		/* The daemon configures the interface once IPCP is up: give it time. */
		uint64_t end = now_ms() + 5000;

		while (!iface_up() && now_ms() < end)
			pump(50);
	}
	check(iface_up(), "%s is up", P.ifname);
	check(icmp_through(), "ICMP echo to the daemon's address answered through %s", P.ifname);
	check(ctl_opened("ipcp"), "nlpppctl: IPCP opened");
	inbox_clear();
	send_cp(PPP_PROTO_LCP, PPP_TERMREQ, ++P.id, "bye", 3);
	check(expect(PPP_PROTO_LCP, PPP_TERMACK, 5000, &f), "Terminate-Request acked");
	st = wait_exit(15000);
	check(st == P.expect_exit, "daemon exits with status %d (expected %d)", st, P.expect_exit);
}

/* --- the other scenarios ----------------------------------------------------- */

static void end_with(int want, const char *why)
{
	uint64_t end = now_ms() + 20000;
	struct frame f;
	int st;

	/* Ack the daemon's Terminate-Request as a peer would. */
	while (P.fd >= 0 && alive() && now_ms() < end) {
		if (expect(PPP_PROTO_LCP, PPP_TERMREQ, 100, &f)) {
			send_cp(PPP_PROTO_LCP, PPP_TERMACK, f.p[1], NULL, 0);
			free(f.p);
		}
	}
	st = wait_exit(P.fd >= 0 ? 1000 : 20000);

	check(st == want, "daemon exits %d (%s): got %d", want, why, st);
}

static void scenario_pap_wrong(void)
{
	uint8_t pkt[600];
	struct frame f;
	size_t n;

	P.phase = "pap-wrong";
	if (!check(lcp_open(false, 15000), "LCP opens") ||
	    !check(P.daemon_wants_auth == PPP_PROTO_PAP, "the daemon asks for PAP"))
		return;
	/* Peer-ID and Password lengths past the end; Length field lies. */
	send_cp(PPP_PROTO_PAP, 1, 1, "\xff" "abc", 4);
	send_cp(PPP_PROTO_PAP, 1, 2, "\x03" "abc" "\xfe" "x", 6);
	send_cp_len(PPP_PROTO_PAP, 1, 3, "", 0);
	send_cp_len(PPP_PROTO_PAP, 1, 900, "\x01" "a\x01" "b", 4);
	send_cp(PPP_PROTO_PAP, 1, 4, NULL, 0);
	pump(300);
	check(alive(), "daemon survives malformed Authenticate-Requests");
	/* Then a well-formed one: a 255-byte Peer-ID and the wrong password. */
	pkt[0] = 255;
	memset(pkt + 1, 'U', 255);
	memcpy(pkt + 1, P.chap_name, strlen(P.chap_name));	/* not a known user either */
	pkt[256] = strlen(P.pap_wrong);
	memcpy(pkt + 257, P.pap_wrong, pkt[256]);
	n = 257 + pkt[256];
	send_cp(PPP_PROTO_PAP, 1, 5, pkt, n);
	/* And the real user with the wrong password. */
	pkt[0] = strlen(P.pap_user);
	memcpy(pkt + 1, P.pap_user, pkt[0]);
	pkt[1 + pkt[0]] = strlen(P.pap_wrong);
	memcpy(pkt + 2 + pkt[0], P.pap_wrong, strlen(P.pap_wrong));
	send_cp(PPP_PROTO_PAP, 1, 6, pkt, 2 + pkt[0] + strlen(P.pap_wrong));
	if (check(expect(PPP_PROTO_PAP, 3, 5000, &f), "a wrong password gets Authenticate-Nak"))
		free(f.p);
	end_with(11, "peer failed to authenticate");
}

static void scenario_chap_wrong(void)
{
	uint8_t id, chal[64], pkt[1500];
	size_t clen, n;
	struct frame f;

	P.phase = "chap-wrong";
	if (!check(lcp_open(false, 15000), "LCP opens") ||
	    !check(chap_challenge(&id, chal, &clen, 10000), "the daemon challenges us"))
		return;
	n = chap_response(pkt, id, P.chap_wrong, chal, clen, P.chap_name, strlen(P.chap_name));
	memset(pkt + n, 'Z', 1200);		/* a huge name, a wrong value */
	send_cp(PPP_PROTO_CHAP, 2, id, pkt, n + 1200);
	if (check(expect(PPP_PROTO_CHAP, 4, 5000, &f), "a wrong Response gets Failure"))
		free(f.p);
	end_with(11, "peer failed to authenticate");
}

static void scenario_chap_own_name(void)
{
	uint8_t pkt[300], chal[16];
	struct frame f;
	size_t nl = strlen(P.own_name);
	bool answered;

	P.phase = "chap-own-name";
	{
		/* We ask the daemon to authenticate itself with CHAP. */
		uint8_t req[16], *e = req, mg[4];
		uint8_t our_id = ++P.id;
		bool acked = false, acking = false;
		uint64_t end = now_ms() + 15000, resend = 0;

		ppp_put_be32(mg, P.magic);
		e = opt(e, LCP_MAGIC, mg, 4);
		e = opt(e, LCP_AUTH, "\xc2\x23\x05", 3);
		while (now_ms() < end && !(acked && acking)) {
			if (!acked && now_ms() >= resend) {
				send_cp(PPP_PROTO_LCP, PPP_CONFREQ, our_id, req, e - req);
				resend = now_ms() + 1500;
			}
			if (!expect(PPP_PROTO_LCP, -1, 50, &f))
				continue;
			if (f.p[0] == PPP_CONFREQ) {
				send_cp(PPP_PROTO_LCP, PPP_CONFACK, f.p[1], f.p + 4, f.len - 4);
				acking = true;
			} else if (f.p[0] == PPP_CONFACK && f.p[1] == our_id) {
				acked = true;
			}
			free(f.p);
		}
		if (!check(acked && acking, "LCP opens with CHAP asked of the daemon"))
			return;
	}
	/* Malformed challenges first: empty value, value past the end. */
	send_cp(PPP_PROTO_CHAP, 1, 1, "\x00name", 5);
	send_cp(PPP_PROTO_CHAP, 1, 2, "\x30\x01\x02", 3);
	send_cp_len(PPP_PROTO_CHAP, 1, 999, "\x01\x01", 2);
	pump(300);
	check(alive(), "daemon survives malformed Challenges");
	/* A Challenge in the daemon's own name: it must not answer. */
	memset(chal, 0x33, sizeof(chal));
	pkt[0] = sizeof(chal);
	memcpy(pkt + 1, chal, sizeof(chal));
	memcpy(pkt + 17, P.own_name, nl);
	send_cp(PPP_PROTO_CHAP, 1, 42, pkt, 17 + nl);
	answered = expect(PPP_PROTO_CHAP, 2, 2000, &f);
	if (answered)
		free(f.p);
	check(!answered, "no Response to a Challenge carrying the daemon's own name");
	end_with(19, "failed to authenticate ourselves");
}

static void scenario_hangup(void)
{
	P.phase = "hangup";
	if (!check(lcp_open(false, 15000), "LCP opens"))
		return;
	close(P.fd);
	P.fd = -1;
	if (P.pty && P.slave >= 0) {
		close(P.slave);
		P.slave = -1;
	}
	end_with(16, "the modem hung up");
}

/* --- main -------------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr,
		"usage: hostile_peer [--scenario main|pap-wrong|chap-wrong|chap-own-name|hangup]\n"
		"  [--phases abcdefg] [--pty] [--kernel] [--ipv6] [--ctl 'nlpppctl ...']\n"
		"  [--ifname ppp0] [--daemon-log FILE] [--expect-exit N] [--rss-slack-kb N]\n"
		"  [--our-ip A] [--daemon-ip A] [--chap-name N --chap-secret S]\n"
		"  [--pap-user U --pap-pass S] [--wrong S] [--own-name N] -- nlpppd args...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "scenario", 1, 0, 's' }, { "phases", 1, 0, 'p' }, { "pty", 0, 0, 'T' },
		{ "kernel", 0, 0, 'k' }, { "ipv6", 0, 0, '6' }, { "ctl", 1, 0, 'c' },
		{ "ifname", 1, 0, 'i' }, { "daemon-log", 1, 0, 'l' }, { "expect-exit", 1, 0, 'x' },
		{ "rss-slack-kb", 1, 0, 'r' }, { "our-ip", 1, 0, 'o' }, { "daemon-ip", 1, 0, 'd' },
		{ "chap-name", 1, 0, 'n' }, { "chap-secret", 1, 0, 'S' }, { "pap-user", 1, 0, 'u' },
		{ "pap-pass", 1, 0, 'P' }, { "wrong", 1, 0, 'w' }, { "own-name", 1, 0, 'O' },
		{ 0, 0, 0, 0 },
	};
	struct in_addr a;
	int c;

	P.scenario = "main";
	P.phases = "abcdefg";
	P.ctl = "nlpppctl";
	P.ifname = "ppp0";
	P.dlog = "/dev/stderr";
	P.chap_name = "hpeer";
	P.chap_secret = P.chap_wrong = P.pap_wrong = "";
	P.pap_user = P.pap_pass = P.own_name = "";
	P.rss_slack_kb = 1024;
	P.our_ip = 0x0a4d0002;
	P.daemon_ip = 0x0a4d0001;
	P.slave = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': P.scenario = optarg; break;
		case 'p': P.phases = optarg; break;
		case 'T': P.pty = true; break;
		case 'k': P.kernel = true; break;
		case '6': P.ipv6 = true; break;
		case 'c': P.ctl = optarg; break;
		case 'i': P.ifname = optarg; break;
		case 'l': P.dlog = optarg; break;
		case 'x': P.expect_exit = atoi(optarg); break;
		case 'r': P.rss_slack_kb = atol(optarg); break;
		case 'o':
		case 'd':
			if (!inet_aton(optarg, &a))
				usage();
			*(c == 'o' ? &P.our_ip : &P.daemon_ip) = ntohl(a.s_addr);
			break;
		case 'n': P.chap_name = optarg; break;
		case 'S': P.chap_secret = optarg; break;
		case 'u': P.pap_user = optarg; break;
		case 'P': P.pap_pass = optarg; break;
		case 'w': P.chap_wrong = P.pap_wrong = optarg; break;
		case 'O': P.own_name = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	P.magic = 0x48505752;	/* "HPWR" */
	ppp_hdlc_tx_init(&P.tx, 0xffffffff, false);
	ppp_hdlc_rx_init(&P.rx, P.rxbuf, sizeof(P.rxbuf), 0, false);
	P.phase = "spawn";
	if (spawn(argv + optind) < 0) {
		check(false, "cannot start %s: %s", argv[optind], strerror(errno));
		return 1;
	}
	/* The daemon speaks first (no `silent`): a Configure-Request. */
	{
		struct frame f;

		if (!check(expect(PPP_PROTO_LCP, PPP_CONFREQ, 15000, &f),
			   "the daemon starts LCP"))
			goto out;
		free(f.p);
	}
	if (!strcmp(P.scenario, "main")) {
		uint64_t t0 = now_ms();

		if (strchr(P.phases, 'a'))
			phase_line_noise();
		if (strchr(P.phases, 'b'))
			phase_malformed_lcp();
		if (strchr(P.phases, 'c'))
			phase_auth_abuse();
		if (strchr(P.phases, 'd') && alive())
			phase_storm();
		if (strchr(P.phases, 'e') && alive())
			phase_echo_flood();
		if (strchr(P.phases, 'f') && alive())
			phase_flood_ctl();
		if (strchr(P.phases, 'g') && alive())
			phase_final();
		P.phase = "main";
		note("phases %s took %llu ms", P.phases, (unsigned long long)(now_ms() - t0));
	} else if (!strcmp(P.scenario, "pap-wrong")) {
		scenario_pap_wrong();
	} else if (!strcmp(P.scenario, "chap-wrong")) {
		scenario_chap_wrong();
	} else if (!strcmp(P.scenario, "chap-own-name")) {
		scenario_chap_own_name();
	} else if (!strcmp(P.scenario, "hangup")) {
		scenario_hangup();
	} else {
		usage();
	}
out:
	if (!P.exited) {
		if (P.failed || wait_exit(0) < 0) {
			kill(P.pid, SIGTERM);
			if (wait_exit(10000) < 0) {
				kill(P.pid, SIGKILL);
				reap(true);
			}
		}
	}
	P.phase = P.scenario;
	note("daemon exit status %d; %d passed, %d failed", P.status, P.passed, P.failed);
	inbox_clear();
	return P.failed ? 1 : 0;
}
