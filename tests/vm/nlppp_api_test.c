// SPDX-License-Identifier: GPL-2.0
/*
 * nlppp_api_test: exercises the nlppp generic netlink API of nlppp.ko, the
 * way nlpppd will, with libnl-genl-3. Runs in the test VM (root, module
 * loaded).
 *
 *   nlppp_api_test api
 *	every command's happy path and its rejections (errno + extack
 *	message), ownership, capabilities, owner-socket release, tty hangup,
 *	a control frame out (checked byte for byte on the other end of a pty)
 *	and in (as a FRAME event). Prints ok/FAIL lines, then
 *	"N passed, N failed".
 *
 *   nlppp_api_test datapath NETNS_A NETNS_B
 *	a pty pair with the nlppp ldisc on both ends; in each netns (a path
 *	like /run/netns/a) a bundle is created from a socket opened there,
 *	the link claimed and attached, IPv4 and IPv6 passed. Prints
 *	"ready IFNAME_A IFNAME_B", then serves stdin: "stats" prints both
 *	links' counters, "np a|b 4|6 pass|drop|error|queue" sets an NP mode,
 *	"events" prints the DEMAND events seen ("demand a bundle=N proto=0x0021"),
 *	EOF or "quit" exits (and everything is torn down by the kernel as the
 *	sockets and ttys close; with NLPPP_PERSIST set in the environment the
 *	bundles are persistent and stay).
 *
 *   nlppp_api_test compress NETNS_A NETNS_B
 *	as datapath, but the two links are two pty pairs joined by a relay
 *	that can drop frames a -> b on purpose. Checks the compression
 *	config rejections first (ok/FAIL lines), prints "ready IFA IFB",
 *	then serves stdin: "ccp a|b tx|rx SPEC [required]" (SPEC none,
 *	pred1, mppe40|56|128 with an "s" for stateful, deflate[W], draft[W]
 *	for type 24, bsd[BITS]), "vj
 *	a|b TX_SLOTS RX_SLOTS", "reset a|b tx|rx", "drop N", "dropped",
 *	"inject N CC" (N forged MPPE frames to b, counts CC, CC + 1024...),
 *	"injectvj N" (N VJ Uncompressed-TCP frames to b, in the clear),
 *	"stats a|b" (the bundle's compression counters and the CCP_ERROR
 *	events its owner got), "get a|b" (the CCP config read back, and
 *	whether the key showed up anywhere), "quit".
 *
 * The HDLC encoder/FCS here are deliberately naive (bit at a time): an
 * independent judge of the module's libppp fast paths.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/capability.h>
#include <linux/netlink.h>

#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/nlppp.h>

#ifndef N_TTY
#define N_TTY 0
#endif

static int ldisc_num = NLPPP_LDISC_DEFAULT;
static int family_id;
static int events_grp;
static int passed, failed;

/* ---- checks ------------------------------------------------------------- */

static void check(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf(cond ? "ok   api: " : "FAIL api: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (cond)
		passed++;
	else
		failed++;
}

static void die(const char *what)
{
	fprintf(stderr, "nlppp_api_test: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* ---- netlink ------------------------------------------------------------ */

struct ev {
	struct ev *next;
	struct nlmsghdr *h;
};

struct conn {
	struct nl_sock *sk;
	uint32_t portid;
	struct ev *evs;		/* unsolicited messages, oldest first */
};

struct reply {
	int err;		/* 0 or -errno */
	char msg[256];		/* extack message, "" if none */
	int n;			/* data messages received */
	void *last;		/* copy of the last data message */
	struct nlattr *tb[NLPPP_A_MAX + 1];	/* its attributes */
	uint32_t ids[256];	/* dumps: the BUNDLE_ID / LINK_ID of each */
	int nids;
};

static void reply_reset(struct reply *r)
{
	free(r->last);
	memset(r, 0, sizeof(*r));
}

static struct conn *conn_open_port(bool events, uint32_t port)
{
	struct conn *c = calloc(1, sizeof(*c));
	int one = 1, fd;

	if (!c)
		die("calloc");
	c->sk = nl_socket_alloc();
	if (c->sk && port)
		nl_socket_set_local_port(c->sk, port);
	if (!c->sk || genl_connect(c->sk))
		die("genl_connect");
	fd = nl_socket_get_fd(c->sk);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(c->sk, 1 << 20, 1 << 20);
	c->portid = nl_socket_get_local_port(c->sk);
	if (!family_id) {
		family_id = genl_ctrl_resolve(c->sk, NLPPP_GENL_NAME);
		if (family_id < 0) {
			fprintf(stderr, "nlppp_api_test: genl family %s not found (module loaded?)\n",
				NLPPP_GENL_NAME);
			exit(2);
		}
		events_grp = genl_ctrl_resolve_grp(c->sk, NLPPP_GENL_NAME,
						   NLPPP_MCGRP_EVENTS);
	}
	if (events && (events_grp < 0 || nl_socket_add_membership(c->sk, events_grp)))
		die("join events group");
	return c;
}

static struct conn *conn_open(bool events)
{
	return conn_open_port(events, 0);
}

static void conn_close(struct conn *c)
{
	struct ev *e;

	while ((e = c->evs)) {
		c->evs = e->next;
		free(e->h);
		free(e);
	}
	nl_socket_free(c->sk);
	free(c);
}

static void stash(struct conn *c, const struct nlmsghdr *h)
{
	struct ev *e = calloc(1, sizeof(*e)), **pp;

	if (!e || !(e->h = malloc(h->nlmsg_len)))
		die("malloc");
	memcpy(e->h, h, h->nlmsg_len);
	for (pp = &c->evs; *pp; pp = &(*pp)->next)
		;
	*pp = e;
}

static void parse_error(const struct nlmsghdr *h, struct reply *r)
{
	const struct nlmsgerr *e = nlmsg_data(h);
	size_t off = sizeof(*e);
	struct nlattr *a, *pos;
	int len, rem;

	r->err = e->error;
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	len = nlmsg_datalen(h) - (int)off;
	if (len <= 0)
		return;
	a = (struct nlattr *)((char *)e + off);
	nla_for_each_attr(pos, a, len, rem) {
		if (nla_type(pos) == NLMSGERR_ATTR_MSG)
			snprintf(r->msg, sizeof(r->msg), "%s", (char *)nla_data(pos));
	}
}

/* Send @m (consumed) and collect the answer; unsolicited messages are stashed. */
static void request(struct conn *c, struct nl_msg *m, struct reply *r)
{
	struct nlmsghdr *req;
	uint32_t seq;
	int cmd;

	reply_reset(r);
	nl_complete_msg(c->sk, m);
	req = nlmsg_hdr(m);
	seq = req->nlmsg_seq;
	cmd = ((struct genlmsghdr *)nlmsg_data(req))->cmd;
	if (nl_send(c->sk, m) < 0) {
		nlmsg_free(m);
		r->err = -EIO;
		return;
	}
	nlmsg_free(m);

	for (;;) {
		struct sockaddr_nl sa;
		unsigned char *buf = NULL;
		struct nlmsghdr *h;
		bool done = false;
		int n;

		n = nl_recv(c->sk, &sa, &buf, NULL);
		if (n <= 0) {
			free(buf);
			r->err = -EIO;
			return;
		}
		for (h = (struct nlmsghdr *)buf; nlmsg_ok(h, n); h = nlmsg_next(h, &n)) {
			if (h->nlmsg_seq != seq) {
				stash(c, h);
				continue;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				parse_error(h, r);
				done = true;
				continue;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				if (nlmsg_datalen(h) >= (int)sizeof(int))
					r->err = *(int *)nlmsg_data(h);
				done = true;
				continue;
			}
			r->n++;
			free(r->last);
			r->last = malloc(h->nlmsg_len);
			if (!r->last)
				die("malloc");
			memcpy(r->last, h, h->nlmsg_len);
			memset(r->tb, 0, sizeof(r->tb));
			genlmsg_parse(r->last, 0, r->tb, NLPPP_A_MAX, NULL);
			{
				int a = cmd == NLPPP_CMD_LINK_GET ? NLPPP_A_LINK_ID :
								    NLPPP_A_BUNDLE_ID;

				if (r->tb[a] && r->nids < (int)(sizeof(r->ids) / sizeof(r->ids[0])))
					r->ids[r->nids++] = nla_get_u32(r->tb[a]);
			}
		}
		free(buf);
		if (done)
			return;
	}
}

static struct nl_msg *msg_new(int cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (!m || !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0,
			       flags, cmd, NLPPP_GENL_VERSION))
		die("nlmsg_alloc");
	return m;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The next unsolicited message carrying @cmd, or NULL after @ms. Caller frees. */
static struct nlmsghdr *wait_event(struct conn *c, int cmd, int ms)
{
	int64_t end = now_ms() + ms;

	for (;;) {
		struct ev **pp, *e;
		struct pollfd pfd;
		struct sockaddr_nl sa;
		unsigned char *buf = NULL;
		struct nlmsghdr *h;
		int n, left;

		for (pp = &c->evs; (e = *pp); pp = &e->next) {
			struct genlmsghdr *g = nlmsg_data(e->h);

			if (e->h->nlmsg_type == family_id && g->cmd == cmd) {
				struct nlmsghdr *found = e->h;

				*pp = e->next;
				free(e);
				return found;
			}
		}
		left = (int)(end - now_ms());
		if (left <= 0)
			return NULL;
		pfd.fd = nl_socket_get_fd(c->sk);
		pfd.events = POLLIN;
		if (poll(&pfd, 1, left) <= 0)
			continue;
		n = nl_recv(c->sk, &sa, &buf, NULL);
		if (n <= 0) {
			free(buf);
			continue;
		}
		for (h = (struct nlmsghdr *)buf; nlmsg_ok(h, n); h = nlmsg_next(h, &n))
			stash(c, h);
		free(buf);
	}
}

static void drop_events(struct conn *c)
{
	struct nlmsghdr *h;

	while ((h = wait_event(c, NLPPP_CMD_LINK_DOWN, 0)))
		free(h);
	while ((h = wait_event(c, NLPPP_CMD_FRAME, 0)))
		free(h);
}

static uint32_t attr_u32(struct reply *r, int a)
{
	return r->tb[a] ? nla_get_u32(r->tb[a]) : 0;
}

static bool id_in(struct reply *r, uint32_t id)
{
	int i;

	for (i = 0; i < r->nids; i++)
		if (r->ids[i] == id)
			return true;
	return false;
}

/* ---- requests ------------------------------------------------------------ */

static void bundle_new(struct conn *c, struct reply *r, const char *ifname,
		       int64_t unit, uint32_t flags)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_BUNDLE_NEW, 0);

	if (ifname)
		nla_put_string(m, NLPPP_A_IFNAME, ifname);
	if (unit >= 0)
		nla_put_u32(m, NLPPP_A_UNIT, (uint32_t)unit);
	if (flags)
		nla_put_u32(m, NLPPP_A_FLAGS, flags);
	request(c, m, r);
}

static void by_id(struct conn *c, struct reply *r, int cmd, int attr, uint32_t id)
{
	struct nl_msg *m = msg_new(cmd, 0);

	nla_put_u32(m, attr, id);
	request(c, m, r);
}

static void dump(struct conn *c, struct reply *r, int cmd)
{
	request(c, msg_new(cmd, NLM_F_DUMP), r);
}

static void link_new(struct conn *c, struct reply *r, uint64_t cookie, uint32_t flags)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_LINK_NEW, 0);

	nla_put_u64(m, NLPPP_A_LINK_COOKIE, cookie);
	if (flags)
		nla_put_u32(m, NLPPP_A_FLAGS, flags);
	request(c, m, r);
}

static void attach(struct conn *c, struct reply *r, uint32_t link, uint32_t bundle)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_LINK_ATTACH, 0);

	nla_put_u32(m, NLPPP_A_LINK_ID, link);
	nla_put_u32(m, NLPPP_A_BUNDLE_ID, bundle);
	request(c, m, r);
}

static void np_modes(struct conn *c, struct reply *r, uint32_t bundle,
		     int v4, int v6)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	struct nlattr *np;

	nla_put_u32(m, NLPPP_A_BUNDLE_ID, bundle);
	np = nla_nest_start(m, NLPPP_A_NP_MODES);
	if (v4 >= 0)
		nla_put_u8(m, NLPPP_A_NP_IPV4, v4);
	if (v6 >= 0)
		nla_put_u8(m, NLPPP_A_NP_IPV6, v6);
	nla_nest_end(m, np);
	request(c, m, r);
}

static void send_frame(struct conn *c, struct reply *r, uint32_t link,
		       uint16_t proto, const void *data, int len)
{
	struct nl_msg *m = nlmsg_alloc_size(len + 256);

	/* libnl's default message is a page: big payloads need their own size. */
	if (!m || !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0, 0,
			       NLPPP_CMD_FRAME, NLPPP_GENL_VERSION))
		die("nlmsg_alloc_size");

	nla_put_u32(m, NLPPP_A_LINK_ID, link);
	nla_put_u16(m, NLPPP_A_PROTO, proto);
	nla_put(m, NLPPP_A_PAYLOAD, len, data);
	request(c, m, r);
}

static uint64_t link_stat(struct conn *c, uint32_t link, int which)
{
	struct nlattr *st[NLPPP_A_STATS_MAX + 1];
	struct reply r = { 0 };
	uint64_t v = UINT64_MAX;

	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, link);
	if (!r.err && r.tb[NLPPP_A_STATS] &&
	    !nla_parse_nested(st, NLPPP_A_STATS_MAX, r.tb[NLPPP_A_STATS], NULL) &&
	    st[which])
		v = nla_get_u64(st[which]);
	reply_reset(&r);
	return v;
}

/* ---- ttys and reference HDLC ----------------------------------------------- */

struct pty {
	int master, slave;
};

static void pty_open(struct pty *p)
{
	struct termios t;

	p->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (p->master < 0 || grantpt(p->master) || unlockpt(p->master))
		die("posix_openpt");
	p->slave = open(ptsname(p->master), O_RDWR | O_NOCTTY);
	if (p->slave < 0)
		die("open pty slave");
	/* Raw: the N_TTY end must not echo or translate the frames. */
	tcgetattr(p->slave, &t);
	cfmakeraw(&t);
	tcsetattr(p->slave, TCSANOW, &t);
	tcgetattr(p->master, &t);
	cfmakeraw(&t);
	tcsetattr(p->master, TCSANOW, &t);
}

static int set_ldisc(int fd, int ld)
{
	return ioctl(fd, TIOCSETD, &ld);
}

static uint64_t get_cookie(int fd)
{
	uint64_t cookie = 0;

	if (ioctl(fd, NLPPP_IOC_LINK_COOKIE, &cookie))
		return 0;
	return cookie;
}

static uint16_t fcs16_ref(const uint8_t *p, size_t n)
{
	uint16_t f = 0xffff;
	int k;

	while (n--) {
		f ^= *p++;
		for (k = 0; k < 8; k++)
			f = (f & 1) ? (f >> 1) ^ 0x8408 : f >> 1;
	}
	return f;
}

static uint32_t fcs32_ref(const uint8_t *p, size_t n)
{
	uint32_t f = 0xffffffff;
	int k;

	while (n--) {
		f ^= *p++;
		for (k = 0; k < 8; k++)
			f = (f & 1) ? (f >> 1) ^ 0xedb88320 : f >> 1;
	}
	return f;
}

/*
 * RFC 1662 framing with only the first 32 bytes mappable: flag, frame, FCS
 * (LSB first), flag.
 */
static size_t hdlc_ref_fcs(const uint8_t *in, size_t n, uint32_t accm,
			   bool fcs32, uint8_t *out)
{
	uint8_t buf[2048];
	size_t i, o = 0, fl;

	memcpy(buf, in, n);
	if (fcs32) {
		uint32_t f = ~fcs32_ref(in, n);

		for (i = 0; i < 4; i++)
			buf[n + i] = f >> (8 * i);
		fl = 4;
	} else {
		uint16_t f = ~fcs16_ref(in, n);

		buf[n] = f & 0xff;
		buf[n + 1] = f >> 8;
		fl = 2;
	}
	out[o++] = 0x7e;
	for (i = 0; i < n + fl; i++) {
		uint8_t c = buf[i];

		if (c == 0x7e || c == 0x7d || (c < 0x20 && (accm >> c & 1))) {
			out[o++] = 0x7d;
			out[o++] = c ^ 0x20;
		} else {
			out[o++] = c;
		}
	}
	out[o++] = 0x7e;
	return o;
}

static size_t hdlc_ref(const uint8_t *in, size_t n, uint32_t accm, uint8_t *out)
{
	return hdlc_ref_fcs(in, n, accm, false, out);
}

static void link_set_u32(struct conn *c, struct reply *r, uint32_t link, int attr,
			 uint32_t v)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_LINK_SET, 0);

	nla_put_u32(m, NLPPP_A_LINK_ID, link);
	if (attr == NLPPP_A_LINK_TYPE)
		nla_put_u8(m, attr, v);
	else
		nla_put_u32(m, attr, v);
	request(c, m, r);
}

/* The next FRAME event on @c: its protocol and payload checked against @want. */
static bool frame_event_is(struct conn *c, uint32_t link, uint16_t proto,
			   const uint8_t *want, int len)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct nlmsghdr *h = wait_event(c, NLPPP_CMD_FRAME, 5000);
	bool ok;

	if (!h)
		return false;
	genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
	ok = tb[NLPPP_A_LINK_ID] && nla_get_u32(tb[NLPPP_A_LINK_ID]) == link &&
	     tb[NLPPP_A_PROTO] && nla_get_u16(tb[NLPPP_A_PROTO]) == proto &&
	     tb[NLPPP_A_PAYLOAD] && nla_len(tb[NLPPP_A_PAYLOAD]) == len &&
	     !memcmp(nla_data(tb[NLPPP_A_PAYLOAD]), want, len);
	free(h);
	return ok;
}

/* Read from @fd until two flags enclose a frame, or @ms pass. */
static size_t read_frame(int fd, uint8_t *buf, size_t cap, int ms)
{
	int64_t end = now_ms() + ms;
	size_t n = 0;

	while (n < cap) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int left = (int)(end - now_ms());
		ssize_t got;

		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		got = read(fd, buf + n, cap - n);
		if (got <= 0)
			break;
		n += got;
		if (n >= 3 && buf[0] == 0x7e && buf[n - 1] == 0x7e)
			break;
	}
	return n;
}

static void hexdump(const char *what, const uint8_t *p, size_t n)
{
	size_t i;

	printf("     %s:", what);
	for (i = 0; i < n && i < 64; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/* ---- capabilities ------------------------------------------------------------ */

/*
 * In a child: give up CAP_NET_ADMIN (or become nobody), then try a create,
 * a get and a dump. Exit status: bit i set when request i got EPERM.
 */
static int unprivileged_child(bool as_nobody, uint32_t bundle)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	struct reply r = { 0 };
	struct conn *c;
	int bits = 0;

	if (as_nobody) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(100);
	} else {
		if (syscall(SYS_capget, &hdr, data))
			_exit(101);
		data[0].effective &= ~(1u << CAP_NET_ADMIN);
		data[0].permitted &= ~(1u << CAP_NET_ADMIN);
		data[0].inheritable &= ~(1u << CAP_NET_ADMIN);
		if (syscall(SYS_capset, &hdr, data))
			_exit(102);
	}
	c = conn_open(false);
	bundle_new(c, &r, NULL, -1, 0);
	if (r.err == -EPERM)
		bits |= 1;
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, bundle);
	if (r.err == -EPERM)
		bits |= 2;
	dump(c, &r, NLPPP_CMD_BUNDLE_GET);
	if (r.err == -EPERM)
		bits |= 4;
	_exit(bits);
}

static int run_unprivileged(bool as_nobody, uint32_t bundle)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid)
		unprivileged_child(as_nobody, bundle);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* ---- the API test -------------------------------------------------------------- */

#define EXPECT_ERR(r, e, what)							\
	check((r)->err == -(e) && (r)->msg[0],					\
	      "%s -> %s with extack (got %d %s, \"%s\")", what, #e,		\
	      (r)->err, strerror(-(r)->err), (r)->msg)

static int test_api(void)
{
	struct conn *c, *c2, *c3, *ev;
	struct reply r = { 0 };
	struct nl_msg *m;
	struct pty p, p2, p3;
	uint32_t b1, b2, b3, bp, l1, l2, l3, ifindex;
	uint64_t cookie, cookie2, cookie3;
	uint8_t wire[4096], want[4096];
	struct nlmsghdr *h;
	char name[IFNAMSIZ];
	size_t n, wn;
	int bits;

	c = conn_open(false);
	ev = conn_open(true);
	check(family_id > 0, "genl family \"%s\" resolves (id %d)", NLPPP_GENL_NAME, family_id);
	check(events_grp > 0, "multicast group \"%s\" resolves", NLPPP_MCGRP_EVENTS);

	/* --- bundles --- */
	bundle_new(c, &r, NULL, -1, 0);
	b1 = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	ifindex = attr_u32(&r, NLPPP_A_IFINDEX);
	snprintf(name, sizeof(name), "%s",
		 r.tb[NLPPP_A_IFNAME] ? nla_get_string(r.tb[NLPPP_A_IFNAME]) : "");
	check(!r.err && b1 && ifindex && !strncmp(name, "ppp", 3),
	      "BUNDLE_NEW replies id %u ifindex %u name %s", b1, ifindex, name);
	check(if_nametoindex(name) == ifindex, "the interface %s exists with that ifindex", name);

	bundle_new(c, &r, "nltest0", -1, 0);
	b2 = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	check(!r.err && r.tb[NLPPP_A_IFNAME] &&
	      !strcmp(nla_get_string(r.tb[NLPPP_A_IFNAME]), "nltest0"),
	      "BUNDLE_NEW with IFNAME nltest0 names the interface (err %d)", r.err);

	bundle_new(c, &r, NULL, 77, 0);
	b3 = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	check(!r.err && attr_u32(&r, NLPPP_A_UNIT) == 77 && if_nametoindex("ppp77"),
	      "BUNDLE_NEW with UNIT 77 makes ppp77 (err %d)", r.err);
	bundle_new(c, &r, NULL, 77, 0);
	EXPECT_ERR(&r, EEXIST, "BUNDLE_NEW with UNIT 77 again");

	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b1);
	{
		struct nlattr *np[NLPPP_A_NP_MAX + 1] = { 0 };

		if (r.tb[NLPPP_A_NP_MODES])
			nla_parse_nested(np, NLPPP_A_NP_MAX, r.tb[NLPPP_A_NP_MODES], NULL);
		check(!r.err && r.tb[NLPPP_A_MRU] && nla_get_u16(r.tb[NLPPP_A_MRU]) == 1500 &&
		      attr_u32(&r, NLPPP_A_OWNER) == c->portid && np[NLPPP_A_NP_IPV4] &&
		      nla_get_u8(np[NLPPP_A_NP_IPV4]) == NLPPP_NP_DROP &&
		      r.tb[NLPPP_A_STATS] && !r.tb[NLPPP_A_LINK_ID],
		      "BUNDLE_GET: MRU 1500, owner is us, IPv4 NP mode drop, stats, no link");
	}

	dump(c, &r, NLPPP_CMD_BUNDLE_GET);
	check(!r.err && id_in(&r, b1) && id_in(&r, b2) && id_in(&r, b3),
	      "BUNDLE_GET dump lists all three bundles (%d entries)", r.nids);

	m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	nla_put_u32(m, NLPPP_A_BUNDLE_ID, b1);
	nla_put_u16(m, NLPPP_A_MRU, 1400);
	request(c, m, &r);
	np_modes(c, &r, b1, NLPPP_NP_PASS, NLPPP_NP_QUEUE);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b1);
	{
		struct nlattr *np[NLPPP_A_NP_MAX + 1] = { 0 };

		if (r.tb[NLPPP_A_NP_MODES])
			nla_parse_nested(np, NLPPP_A_NP_MAX, r.tb[NLPPP_A_NP_MODES], NULL);
		check(!r.err && nla_get_u16(r.tb[NLPPP_A_MRU]) == 1400 &&
		      np[NLPPP_A_NP_IPV4] && nla_get_u8(np[NLPPP_A_NP_IPV4]) == NLPPP_NP_PASS &&
		      np[NLPPP_A_NP_IPV6] && nla_get_u8(np[NLPPP_A_NP_IPV6]) == NLPPP_NP_QUEUE,
		      "BUNDLE_SET MRU 1400, IPv4 pass, IPv6 queue: read back");
	}

	by_id(c, &r, NLPPP_CMD_BUNDLE_DEL, NLPPP_A_BUNDLE_ID, b2);
	check(!r.err, "BUNDLE_DEL nltest0 (err %d)", r.err);
	check(!if_nametoindex("nltest0"), "nltest0 is gone");
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b2);
	EXPECT_ERR(&r, ENOENT, "BUNDLE_GET of the deleted bundle");

	/* --- links --- */
	pty_open(&p);
	check(get_cookie(p.master) == 0 && errno == ENOTTY,
	      "NLPPP_IOC_LINK_COOKIE on a tty without the ldisc fails with ENOTTY");
	check(!set_ldisc(p.master, ldisc_num), "TIOCSETD %d on a pty master", ldisc_num);
	cookie = get_cookie(p.master);
	check(cookie != 0, "NLPPP_IOC_LINK_COOKIE gives a cookie");

	link_new(c, &r, cookie ^ 1, 0);
	EXPECT_ERR(&r, ENOENT, "LINK_NEW with a wrong cookie");
	link_new(c, &r, cookie, 0);
	l1 = attr_u32(&r, NLPPP_A_LINK_ID);
	check(!r.err && l1, "LINK_NEW with the cookie claims link %u", l1);
	link_new(c, &r, cookie, 0);
	EXPECT_ERR(&r, ENOENT, "LINK_NEW with the same cookie again");

	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, l1);
	{
		const uint8_t *accm = r.tb[NLPPP_A_TX_ACCM] ? nla_data(r.tb[NLPPP_A_TX_ACCM]) : NULL;

		check(!r.err && r.tb[NLPPP_A_LINK_TYPE] &&
		      nla_get_u8(r.tb[NLPPP_A_LINK_TYPE]) == NLPPP_LINK_ASYNC &&
		      nla_get_u16(r.tb[NLPPP_A_MRU]) == 1500 &&
		      attr_u32(&r, NLPPP_A_RX_ACCM) == 0xffffffff && accm &&
		      nla_len(r.tb[NLPPP_A_TX_ACCM]) == 32 &&
		      accm[0] == 0xff && accm[3] == 0xff && accm[12] == 0 && accm[15] == 0x60 &&
		      attr_u32(&r, NLPPP_A_OWNER) == c->portid,
		      "LINK_GET: async, MRU 1500, RFC 1662 default ACCMs, owner is us");
	}
	dump(c, &r, NLPPP_CMD_LINK_GET);
	check(!r.err && id_in(&r, l1), "LINK_GET dump lists link %u", l1);

	/* Escape only 0x01 on transmit: the wire shows exactly that. */
	{
		uint8_t map[32] = { 0x02 };

		m = msg_new(NLPPP_CMD_LINK_SET, 0);
		nla_put_u32(m, NLPPP_A_LINK_ID, l1);
		nla_put(m, NLPPP_A_TX_ACCM, sizeof(map), map);
		nla_put_u32(m, NLPPP_A_RX_ACCM, 0);
		request(c, m, &r);
		check(!r.err, "LINK_SET TX_ACCM (escape 0x01 only), RX_ACCM 0 (err %d)", r.err);
		by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, l1);
		check(!r.err && attr_u32(&r, NLPPP_A_RX_ACCM) == 0 &&
		      ((uint8_t *)nla_data(r.tb[NLPPP_A_TX_ACCM]))[0] == 0x02 &&
		      ((uint8_t *)nla_data(r.tb[NLPPP_A_TX_ACCM]))[15] == 0x60,
		      "LINK_GET reads the new ACCMs back (0x7d/0x7e still escaped)");
	}

	attach(c, &r, l1, b1);
	check(!r.err, "LINK_ATTACH link %u to bundle %u (err %d)", l1, b1, r.err);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b1);
	check(attr_u32(&r, NLPPP_A_LINK_ID) == l1, "BUNDLE_GET shows the attached link");
	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, l1);
	check(attr_u32(&r, NLPPP_A_BUNDLE_ID) == b1, "LINK_GET shows the bundle");
	attach(c, &r, l1, b3);
	EXPECT_ERR(&r, EBUSY, "LINK_ATTACH of an attached link");

	/* A control frame out: byte-exact HDLC on the other end. */
	{
		static const uint8_t lcp[] = { 0x01, 0x01, 0x00, 0x08, 0x7e, 0x7d, 0x00, 0x20 };
		uint8_t frame[64] = { 0xff, 0x03, 0xc0, 0x21 };

		memcpy(frame + 4, lcp, sizeof(lcp));
		tcflush(p.slave, TCIFLUSH);
		send_frame(c, &r, l1, 0xc021, lcp, sizeof(lcp));
		check(!r.err, "FRAME sends an LCP packet on link %u (err %d)", l1, r.err);
		n = read_frame(p.slave, wire, sizeof(wire), 5000);
		wn = hdlc_ref(frame, 4 + sizeof(lcp), 0x00000002, want);
		check(n == wn && !memcmp(wire, want, wn),
		      "the pty's other end reads the frame, HDLC-framed byte for byte (%zu bytes)", n);
		if (n != wn || memcmp(wire, want, wn)) {
			hexdump("got ", wire, n);
			hexdump("want", want, wn);
		}
		check(link_stat(c, l1, NLPPP_A_STATS_CTRL_TX) == 1 &&
		      link_stat(c, l1, NLPPP_A_STATS_TX_PACKETS) == 1,
		      "link counters: 1 control frame sent");
	}

	/* Frames in: control to the owner as FRAME, IPv4 too while not passed... */
	{
		static const uint8_t echo[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x07, 0x00, 0x08,
						0x00, 0x00, 0x00, 0x00 };
		static const uint8_t pap[] = { 0xc0, 0x23, 0x01, 0x01, 0x00, 0x06, 0x00, 0x00 };

		wn = hdlc_ref(echo, sizeof(echo), 0xffffffff, want);
		check(write(p.slave, want, wn) == (ssize_t)wn, "write an LCP Echo-Request into the pty");
		h = wait_event(c, NLPPP_CMD_FRAME, 5000);
		if (h) {
			struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

			genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
			check(tb[NLPPP_A_LINK_ID] && nla_get_u32(tb[NLPPP_A_LINK_ID]) == l1 &&
			      tb[NLPPP_A_PROTO] && nla_get_u16(tb[NLPPP_A_PROTO]) == 0xc021 &&
			      tb[NLPPP_A_PAYLOAD] && nla_len(tb[NLPPP_A_PAYLOAD]) == 8 &&
			      !memcmp(nla_data(tb[NLPPP_A_PAYLOAD]), echo + 4, 8),
			      "the owner gets a FRAME event: link %u, LCP, the 8-byte payload", l1);
			free(h);
		} else {
			check(false, "the owner gets a FRAME event for the LCP frame");
		}
		h = wait_event(ev, NLPPP_CMD_FRAME, 300);
		check(!h, "no FRAME event on the multicast group (control frames are unicast)");
		free(h);

		/* ACFC + PFC-compressed PAP frame. */
		wn = hdlc_ref(pap, sizeof(pap), 0xffffffff, want);
		if (write(p.slave, want, wn) != (ssize_t)wn)
			die("write");
		h = wait_event(c, NLPPP_CMD_FRAME, 5000);
		if (h) {
			struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

			genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
			check(tb[NLPPP_A_PROTO] && nla_get_u16(tb[NLPPP_A_PROTO]) == 0xc023 &&
			      tb[NLPPP_A_PAYLOAD] && nla_len(tb[NLPPP_A_PAYLOAD]) == 6,
			      "a frame without address/control (ACFC) arrives as PAP");
			free(h);
		} else {
			check(false, "a frame without address/control (ACFC) arrives");
		}

		/* A damaged frame: counted, not delivered. */
		wn = hdlc_ref(echo, sizeof(echo), 0xffffffff, want);
		want[wn - 2] ^= 0x01;
		if (write(p.slave, want, wn) != (ssize_t)wn)
			die("write");
		h = wait_event(c, NLPPP_CMD_FRAME, 1000);
		check(!h, "a frame with a bad FCS is not delivered");
		free(h);
		check(link_stat(c, l1, NLPPP_A_STATS_RX_FCS_ERRORS) == 1 &&
		      link_stat(c, l1, NLPPP_A_STATS_CTRL_RX) == 2,
		      "link counters: 1 FCS error, 2 control frames received");
	}

	/* 256 KB of random line noise, then one good frame: the decoder resyncs. */
	{
		static const uint8_t echo[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x09, 0x00, 0x08,
						0xde, 0xad, 0xbe, 0xef };
		uint64_t errs0 = link_stat(c, l1, NLPPP_A_STATS_RX_FCS_ERRORS) +
				 link_stat(c, l1, NLPPP_A_STATS_RX_FRAME_ERRORS) +
				 link_stat(c, l1, NLPPP_A_STATS_RX_OVERRUNS) +
				 link_stat(c, l1, NLPPP_A_STATS_RX_ABORTS);
		uint64_t errs1, rnd = 0x9e3779b97f4a7c15ull;
		uint8_t noise[4096];
		int k, i, nframes = 0;

		for (k = 0; k < 64; k++) {
			for (i = 0; i < (int)sizeof(noise); i++) {
				rnd ^= rnd << 13;
				rnd ^= rnd >> 7;
				rnd ^= rnd << 17;
				noise[i] = rnd >> 24;
			}
			if (write(p.slave, noise, sizeof(noise)) != (ssize_t)sizeof(noise))
				die("write noise");
		}
		/* Random bytes can form frames with a valid FCS (1 in 65536): drain them. */
		while ((h = wait_event(c, NLPPP_CMD_FRAME, 2000))) {
			nframes++;
			free(h);
		}
		wn = hdlc_ref(echo, sizeof(echo), 0xffffffff, want);
		if (write(p.slave, want, wn) != (ssize_t)wn)
			die("write");
		check(frame_event_is(c, l1, 0xc021, echo + 4, 8),
		      "after 256 KB of line noise a good frame is delivered (%d noise frames passed the FCS)",
		      nframes);
		errs1 = link_stat(c, l1, NLPPP_A_STATS_RX_FCS_ERRORS) +
			link_stat(c, l1, NLPPP_A_STATS_RX_FRAME_ERRORS) +
			link_stat(c, l1, NLPPP_A_STATS_RX_OVERRUNS) +
			link_stat(c, l1, NLPPP_A_STATS_RX_ABORTS);
		check(errs1 > errs0 + 100, "the noise was counted as errors (%llu)",
		      (unsigned long long)(errs1 - errs0));
	}

	/* FCS-32 and ACFC, both directions. */
	{
		static const uint8_t ipcp[] = { 0x80, 0x21, 0x01, 0x01, 0x00, 0x04 };
		static const uint8_t lcp[] = { 0xff, 0x03, 0xc0, 0x21, 0x0a, 0x02, 0x00, 0x08,
					       0x11, 0x22, 0x33, 0x44 };

		link_set_u32(c, &r, l1, NLPPP_A_LINK_FLAGS, NLPPP_LF_FCS32 | NLPPP_LF_TX_ACFC);
		check(!r.err, "LINK_SET LINK_FLAGS FCS32|TX_ACFC (err %d)", r.err);
		tcflush(p.slave, TCIFLUSH);
		send_frame(c, &r, l1, 0x8021, ipcp + 2, 4);
		n = read_frame(p.slave, wire, sizeof(wire), 5000);
		wn = hdlc_ref_fcs(ipcp, sizeof(ipcp), 0x00000002, true, want);
		check(!r.err && n == wn && !memcmp(wire, want, wn),
		      "an IPCP frame goes out without address/control, with FCS-32");
		if (n != wn || memcmp(wire, want, wn)) {
			hexdump("got ", wire, n);
			hexdump("want", want, wn);
		}
		tcflush(p.slave, TCIFLUSH);
		send_frame(c, &r, l1, 0xc021, lcp + 4, 8);
		n = read_frame(p.slave, wire, sizeof(wire), 5000);
		wn = hdlc_ref_fcs(lcp, sizeof(lcp), 0x00000002, true, want);
		check(!r.err && n == wn && !memcmp(wire, want, wn),
		      "LCP keeps its address/control field despite ACFC (RFC 1661 6.6)");
		wn = hdlc_ref_fcs(lcp, sizeof(lcp), 0xffffffff, true, want);
		if (write(p.slave, want, wn) != (ssize_t)wn)
			die("write");
		check(frame_event_is(c, l1, 0xc021, lcp + 4, 8),
		      "a frame with FCS-32 is received and delivered");
		link_set_u32(c, &r, l1, NLPPP_A_LINK_FLAGS, 0);
	}

	/* Sync framing: no flags, no escapes, no FCS. */
	{
		static const uint8_t lcp[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x03, 0x00, 0x08,
					       0x7e, 0x7d, 0x01, 0x02 };

		link_set_u32(c, &r, l1, NLPPP_A_LINK_TYPE, NLPPP_LINK_SYNC);
		check(!r.err, "LINK_SET LINK_TYPE sync (err %d)", r.err);
		tcflush(p.slave, TCIFLUSH);
		send_frame(c, &r, l1, 0xc021, lcp + 4, 8);
		n = 0;
		{
			struct pollfd pfd = { .fd = p.slave, .events = POLLIN };
			ssize_t got;

			while (n < sizeof(lcp) && poll(&pfd, 1, 3000) > 0 &&
			       (got = read(p.slave, wire + n, sizeof(wire) - n)) > 0)
				n += got;
		}
		check(n == sizeof(lcp) && !memcmp(wire, lcp, n),
		      "a sync link sends the bare frame (%zu bytes)", n);
		if (write(p.slave, lcp, sizeof(lcp)) != (ssize_t)sizeof(lcp))
			die("write");
		check(frame_event_is(c, l1, 0xc021, lcp + 4, 8),
		      "a sync link delivers what one read returns as one frame");
		link_set_u32(c, &r, l1, NLPPP_A_LINK_TYPE, NLPPP_LINK_ASYNC);
		check(!r.err, "LINK_SET back to async");
	}

	/* The tty itself is not for reading or writing any more. */
	{
		char x;

		errno = 0;
		check(read(p.master, &x, 1) < 0 && errno == EIO, "read() on the ldisc's tty fails with EIO");
		errno = 0;
		check(write(p.master, "x", 1) < 0 && errno == EIO, "write() on the ldisc's tty fails with EIO");
	}

	m = msg_new(NLPPP_CMD_LINK_DETACH, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l1);
	request(c, m, &r);
	check(!r.err, "LINK_DETACH (err %d)", r.err);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b1);
	check(!r.tb[NLPPP_A_LINK_ID], "the bundle has no link any more");
	m = msg_new(NLPPP_CMD_LINK_DETACH, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l1);
	request(c, m, &r);
	EXPECT_ERR(&r, ENOTCONN, "LINK_DETACH of a detached link");

	/* --- rejections --- */
	m = msg_new(NLPPP_CMD_BUNDLE_DEL, 0);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_DEL without BUNDLE_ID (missing attribute)");
	m = msg_new(NLPPP_CMD_LINK_ATTACH, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l1);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "LINK_ATTACH without BUNDLE_ID (missing attribute)");
	{
		uint8_t map[32] = { 0 };

		m = msg_new(NLPPP_CMD_LINK_SET, 0);
		nla_put_u32(m, NLPPP_A_LINK_ID, l1);
		nla_put(m, NLPPP_A_TX_ACCM, 31, map);
		request(c, m, &r);
		EXPECT_ERR(&r, ERANGE, "LINK_SET with a 31-byte TX_ACCM (wrong length)");
		m = msg_new(NLPPP_CMD_LINK_SET, 0);
		nla_put_u32(m, NLPPP_A_LINK_ID, l1);
		nla_put(m, NLPPP_A_TX_ACCM, 33, map);
		request(c, m, &r);
		EXPECT_ERR(&r, ERANGE, "LINK_SET with a 33-byte TX_ACCM (wrong length)");
		map[0x5e >> 3] = 1 << (0x5e & 7);
		m = msg_new(NLPPP_CMD_LINK_SET, 0);
		nla_put_u32(m, NLPPP_A_LINK_ID, l1);
		nla_put(m, NLPPP_A_TX_ACCM, 32, map);
		request(c, m, &r);
		EXPECT_ERR(&r, EINVAL, "LINK_SET with a TX_ACCM escaping 0x5e");
	}
	bundle_new(c, &r, NULL, -1, 1u << 5);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_NEW with an unknown FLAGS bit");
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l1);
	nla_put_u32(m, NLPPP_A_LINK_FLAGS, NLPPP_LF_ALL + 1);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "LINK_SET with an unknown LINK_FLAGS bit");
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l1);
	nla_put_u8(m, NLPPP_A_LINK_TYPE, __NLPPP_LINK_TYPE_MAX);
	request(c, m, &r);
	EXPECT_ERR(&r, ERANGE, "LINK_SET with LINK_TYPE out of the enum");
	np_modes(c, &r, b1, __NLPPP_NP_MODE_MAX, -1);
	EXPECT_ERR(&r, ERANGE, "BUNDLE_SET with an NP mode out of the enum");
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l1);
	nla_put_u16(m, NLPPP_A_MRU, 100);
	request(c, m, &r);
	EXPECT_ERR(&r, ERANGE, "LINK_SET with MRU 100 (below 128)");
	m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	nla_put_u32(m, NLPPP_A_BUNDLE_ID, b1);
	nla_put_u8(m, NLPPP_A_MRU, 1);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_SET with a 1-byte MRU (wrong type size)");
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, l1);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_GET given a link's id");
	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, b1);
	EXPECT_ERR(&r, EINVAL, "LINK_GET given a bundle's id");
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, 0x7ffffff0);
	EXPECT_ERR(&r, ENOENT, "BUNDLE_GET of an id that does not exist");
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, 0);
	EXPECT_ERR(&r, ERANGE, "BUNDLE_GET of id 0");
	m = msg_new(NLPPP_CMD_BUNDLE_NEW, 0);
	nla_put_u32(m, NLPPP_A_IFINDEX, 1);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_NEW with a reply-only attribute (IFINDEX)");
	m = msg_new(NLPPP_CMD_BUNDLE_NEW, 0);
	nla_put_u32(m, NLPPP_A_MAX + 1, 1);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_NEW with an attribute unknown to the kernel");
	m = msg_new(NLPPP_CMD_BUNDLE_NEW, 0);
	nla_put_string(m, NLPPP_A_IFNAME, "x0");
	nla_put_u32(m, NLPPP_A_UNIT, 5);
	request(c, m, &r);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_NEW with both IFNAME and UNIT");
	bundle_new(c, &r, "bad/name", -1, 0);
	EXPECT_ERR(&r, EINVAL, "BUNDLE_NEW with an invalid interface name");
	{
		static const uint8_t x[] = { 1 };

		send_frame(c, &r, l1, 0xc020, x, 1);
		EXPECT_ERR(&r, EINVAL, "FRAME with an invalid protocol number (0xc020)");
		m = msg_new(NLPPP_CMD_FRAME, 0);
		nla_put_u32(m, NLPPP_A_LINK_ID, l1);
		nla_put_u16(m, NLPPP_A_PROTO, 0xc021);
		request(c, m, &r);
		EXPECT_ERR(&r, EINVAL, "FRAME without PAYLOAD");
		m = msg_new(NLPPP_CMD_FRAME, 0);
		nla_put_u32(m, NLPPP_A_LINK_ID, l1);
		nla_put_u16(m, NLPPP_A_PROTO, 0xc021);
		nla_put(m, NLPPP_A_PAYLOAD, 0, x);
		request(c, m, &r);
		EXPECT_ERR(&r, ERANGE, "FRAME with an empty PAYLOAD");
	}

	/* --- ownership --- */
	c2 = conn_open(false);
	by_id(c2, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b1);
	check(!r.err, "another socket may read our bundle (err %d)", r.err);
	m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	nla_put_u32(m, NLPPP_A_BUNDLE_ID, b1);
	nla_put_u16(m, NLPPP_A_MRU, 1000);
	request(c2, m, &r);
	EXPECT_ERR(&r, EPERM, "BUNDLE_SET from another socket");
	by_id(c2, &r, NLPPP_CMD_BUNDLE_DEL, NLPPP_A_BUNDLE_ID, b1);
	EXPECT_ERR(&r, EPERM, "BUNDLE_DEL from another socket");
	by_id(c2, &r, NLPPP_CMD_LINK_DEL, NLPPP_A_LINK_ID, l1);
	EXPECT_ERR(&r, EPERM, "LINK_DEL from another socket");
	{
		static const uint8_t x[] = { 1, 2, 3, 4 };

		send_frame(c2, &r, l1, 0xc021, x, 4);
		EXPECT_ERR(&r, EPERM, "FRAME on another socket's link");
	}
	bundle_new(c2, &r, NULL, -1, 0);
	attach(c2, &r, l1, attr_u32(&r, NLPPP_A_BUNDLE_ID));
	EXPECT_ERR(&r, EPERM, "LINK_ATTACH of another socket's link to our bundle");

	/* --- capabilities --- */
	bits = run_unprivileged(false, b1);
	check(bits == 7, "without CAP_NET_ADMIN: create, get and dump all fail with EPERM (%d)", bits);
	bits = run_unprivileged(true, b1);
	check(bits == 7, "as nobody: create, get and dump all fail with EPERM (%d)", bits);

	/* --- NLPPP_F_NOQUEUE: pppN without a qdisc of its own (PPPoE) --- */
	{
		uint32_t bq;

		bundle_new(c, &r, "nltestq", -1, NLPPP_F_NOQUEUE);
		bq = r.err ? 0 : attr_u32(&r, NLPPP_A_BUNDLE_ID);
		check(bq && (attr_u32(&r, NLPPP_A_FLAGS) & NLPPP_F_NOQUEUE),
		      "BUNDLE_NEW with NOQUEUE: bundle %u, the flag reported (err %d)", bq, r.err);
		check(system("ip link set nltestq up && ip link show nltestq | grep -q 'qdisc noqueue'") == 0,
		      "its interface comes up with qdisc noqueue");
		m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
		nla_put_u32(m, NLPPP_A_BUNDLE_ID, bq);
		nla_put_u32(m, NLPPP_A_FLAGS, 0);
		request(c, m, &r);
		by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, bq);
		check(!r.err && (attr_u32(&r, NLPPP_A_FLAGS) & NLPPP_F_NOQUEUE),
		      "BUNDLE_SET FLAGS 0 leaves NOQUEUE as it was (err %d)", r.err);
		by_id(c, &r, NLPPP_CMD_BUNDLE_DEL, NLPPP_A_BUNDLE_ID, bq);
		bundle_new(c, &r, "nltestd", -1, 0);
		bq = r.err ? 0 : attr_u32(&r, NLPPP_A_BUNDLE_ID);
		check(bq && system("ip link set nltestd up && ip link show nltestd | grep -q 'qdisc noqueue'") != 0,
		      "without it, pppN has a qdisc");
		by_id(c, &r, NLPPP_CMD_BUNDLE_DEL, NLPPP_A_BUNDLE_ID, bq);
		link_new(c, &r, 1, NLPPP_F_NOQUEUE);
		EXPECT_ERR(&r, EINVAL, "LINK_NEW with NOQUEUE (a bundle flag)");
	}

	/* --- the owner's socket closes --- */
	drop_events(ev);
	c3 = conn_open(false);
	pty_open(&p3);
	set_ldisc(p3.master, ldisc_num);
	cookie3 = get_cookie(p3.master);
	link_new(c3, &r, cookie3, 0);
	l3 = attr_u32(&r, NLPPP_A_LINK_ID);
	bundle_new(c3, &r, "nltest3", -1, 0);
	b2 = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	attach(c3, &r, l3, b2);
	bundle_new(c3, &r, "nltestp", -1, NLPPP_F_PERSIST);
	bp = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	check(l3 && b2 && bp, "a third socket owns link %u, bundle %u and persistent bundle %u",
	      l3, b2, bp);
	conn_close(c3);
	h = wait_event(ev, NLPPP_CMD_LINK_DOWN, 5000);
	if (h) {
		struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

		genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
		check(tb[NLPPP_A_LINK_ID] && nla_get_u32(tb[NLPPP_A_LINK_ID]) == l3 &&
		      tb[NLPPP_A_BUNDLE_ID] && nla_get_u32(tb[NLPPP_A_BUNDLE_ID]) == b2 &&
		      tb[NLPPP_A_REASON] && nla_get_u32(tb[NLPPP_A_REASON]) == NLPPP_DOWN_OWNER_GONE,
		      "closing it multicasts LINK_DOWN for link %u, reason OWNER_GONE", l3);
		free(h);
	} else {
		check(false, "closing it multicasts LINK_DOWN (none came)");
	}
	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, l3);
	check(r.err == -ENOENT, "its link is gone (err %d)", r.err);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b2);
	check(r.err == -ENOENT && !if_nametoindex("nltest3"),
	      "its bundle and interface nltest3 are gone (err %d)", r.err);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, bp);
	check(!r.err && r.tb[NLPPP_A_OWNER] && attr_u32(&r, NLPPP_A_OWNER) == 0 &&
	      if_nametoindex("nltestp"),
	      "its persistent bundle stays, orphaned (owner 0)");
	m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	nla_put_u32(m, NLPPP_A_BUNDLE_ID, bp);
	nla_put_u16(m, NLPPP_A_MRU, 1500);
	request(c, m, &r);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, bp);
	check(attr_u32(&r, NLPPP_A_OWNER) == c->portid,
	      "the first socket to change the orphan adopts it");
	m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	nla_put_u32(m, NLPPP_A_BUNDLE_ID, bp);
	nla_put_u16(m, NLPPP_A_MRU, 1500);
	request(c2, m, &r);
	EXPECT_ERR(&r, EPERM, "after adoption, others may not change it");
	close(p3.master);
	close(p3.slave);

	/* --- LINK_DEL --- */
	drop_events(ev);
	by_id(c, &r, NLPPP_CMD_LINK_DEL, NLPPP_A_LINK_ID, l1);
	check(!r.err, "LINK_DEL (err %d)", r.err);
	h = wait_event(ev, NLPPP_CMD_LINK_DOWN, 5000);
	check(h && ({
		struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

		genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
		tb[NLPPP_A_REASON] && nla_get_u32(tb[NLPPP_A_REASON]) == NLPPP_DOWN_DELETED;
	}), "LINK_DEL multicasts LINK_DOWN reason DELETED");
	free(h);
	link_new(c, &r, cookie, 0);
	EXPECT_ERR(&r, ENOENT, "a deleted link cannot be claimed again");

	/* --- hangup --- */
	pty_open(&p2);
	check(!set_ldisc(p2.slave, ldisc_num), "TIOCSETD on a pty slave");
	cookie2 = get_cookie(p2.slave);
	link_new(c, &r, cookie2, 0);
	l2 = attr_u32(&r, NLPPP_A_LINK_ID);
	attach(c, &r, l2, b1);
	check(!r.err, "link %u claimed and attached to bundle %u", l2, b1);
	drop_events(ev);
	close(p2.master);	/* hangs up the slave */
	h = wait_event(ev, NLPPP_CMD_LINK_DOWN, 5000);
	if (h) {
		struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

		genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
		check(tb[NLPPP_A_LINK_ID] && nla_get_u32(tb[NLPPP_A_LINK_ID]) == l2 &&
		      tb[NLPPP_A_BUNDLE_ID] && nla_get_u32(tb[NLPPP_A_BUNDLE_ID]) == b1 &&
		      tb[NLPPP_A_REASON] && nla_get_u32(tb[NLPPP_A_REASON]) == NLPPP_DOWN_HANGUP,
		      "hanging up the tty multicasts LINK_DOWN for link %u, reason HANGUP", l2);
		free(h);
	} else {
		check(false, "hanging up the tty multicasts LINK_DOWN (none came)");
	}
	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, l2);
	check(r.err == -ENOENT, "the hung-up link is gone (err %d)", r.err);
	by_id(c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, b1);
	check(!r.err && !r.tb[NLPPP_A_LINK_ID], "its bundle stays, without a link");
	close(p2.slave);

	/* Changing the ldisc away is a hangup too. */
	drop_events(ev);
	pty_open(&p2);
	set_ldisc(p2.master, ldisc_num);
	link_new(c, &r, get_cookie(p2.master), 0);
	l2 = attr_u32(&r, NLPPP_A_LINK_ID);
	check(!set_ldisc(p2.master, N_TTY), "TIOCSETD back to N_TTY");
	h = wait_event(ev, NLPPP_CMD_LINK_DOWN, 5000);
	check(h && ({
		struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

		genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
		tb[NLPPP_A_LINK_ID] && nla_get_u32(tb[NLPPP_A_LINK_ID]) == l2;
	}), "leaving the ldisc multicasts LINK_DOWN for link %u", l2);
	free(h);
	close(p2.master);
	close(p2.slave);

	/* Deleting a bundle detaches its link. */
	pty_open(&p2);
	set_ldisc(p2.master, ldisc_num);
	link_new(c, &r, get_cookie(p2.master), 0);
	l2 = attr_u32(&r, NLPPP_A_LINK_ID);
	attach(c, &r, l2, b3);
	by_id(c, &r, NLPPP_CMD_BUNDLE_DEL, NLPPP_A_BUNDLE_ID, b3);
	check(!r.err, "BUNDLE_DEL of a bundle with a link (err %d)", r.err);
	by_id(c, &r, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, l2);
	check(!r.err && !r.tb[NLPPP_A_BUNDLE_ID], "its link survives, detached");

	reply_reset(&r);
	conn_close(c2);
	conn_close(ev);
	conn_close(c);
	close(p.master);
	close(p.slave);
	close(p2.master);
	close(p2.slave);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* ---- the data path helper --------------------------------------------------------- */

struct side {
	struct conn *c;
	struct conn *ev;	/* the events group, in the side's netns */
	uint32_t bundle, link;
	char ifname[IFNAMSIZ];
};

static void side_up(struct side *s, const char *netns, int tty)
{
	uint32_t persist = getenv("NLPPP_PERSIST") ? NLPPP_F_PERSIST : 0;
	struct reply r = { 0 };
	int self, fd;

	self = open("/proc/self/ns/net", O_RDONLY);
	fd = open(netns, O_RDONLY);
	if (self < 0 || fd < 0 || setns(fd, CLONE_NEWNET))
		die(netns);
	s->c = conn_open(false);	/* the socket, and so the bundle, live there */
	s->ev = conn_open(true);
	/* A link can be claimed only from the netns its ldisc was set in. */
	if (set_ldisc(tty, ldisc_num))
		die("TIOCSETD");
	if (setns(self, CLONE_NEWNET))
		die("setns back");
	close(fd);
	close(self);

	bundle_new(s->c, &r, NULL, -1, persist);
	s->bundle = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	if (r.err || !r.tb[NLPPP_A_IFNAME]) {
		fprintf(stderr, "BUNDLE_NEW in %s: %s %s\n", netns, strerror(-r.err), r.msg);
		exit(2);
	}
	snprintf(s->ifname, sizeof(s->ifname), "%s", nla_get_string(r.tb[NLPPP_A_IFNAME]));
	link_new(s->c, &r, get_cookie(tty), persist);
	s->link = attr_u32(&r, NLPPP_A_LINK_ID);
	if (!r.err)
		attach(s->c, &r, s->link, s->bundle);
	if (!r.err)
		np_modes(s->c, &r, s->bundle, NLPPP_NP_PASS, NLPPP_NP_PASS);
	if (r.err) {
		fprintf(stderr, "link setup in %s: %s %s\n", netns, strerror(-r.err), r.msg);
		exit(2);
	}
	reply_reset(&r);
}

static void side_stats(struct side *s, const char *name)
{
	printf("%s link=%u tx_packets=%llu rx_packets=%llu fcs_errors=%llu frame_errors=%llu rx_dropped=%llu tx_dropped=%llu ctrl_rx=%llu\n",
	       name, s->link,
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_TX_PACKETS),
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_RX_PACKETS),
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_RX_FCS_ERRORS),
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_RX_FRAME_ERRORS),
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_RX_DROPPED),
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_TX_DROPPED),
	       (unsigned long long)link_stat(s->c, s->link, NLPPP_A_STATS_CTRL_RX));
}

static int datapath(const char *ns_a, const char *ns_b)
{
	struct side a, b;
	char line[64];
	struct pty p;

	pty_open(&p);
	side_up(&a, ns_a, p.master);
	side_up(&b, ns_b, p.slave);
	printf("ready %s %s\n", a.ifname, b.ifname);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		if (!strncmp(line, "stats", 5)) {
			side_stats(&a, "a");
			side_stats(&b, "b");
			fflush(stdout);
		} else if (!strncmp(line, "np ", 3)) {
			/* np a|b 4|6 pass|drop|error|queue */
			static const char *const modes[] = { "pass", "drop", "error", "queue" };
			char which, mode[16];
			struct reply r = { 0 };
			int fam, i;

			if (sscanf(line, "np %c %d %15s", &which, &fam, mode) != 3)
				continue;
			for (i = 0; i < 4 && strcmp(mode, modes[i]); i++)
				;
			np_modes(which == 'a' ? a.c : b.c, &r, which == 'a' ? a.bundle : b.bundle,
				 fam == 4 ? i : -1, fam == 6 ? i : -1);
			printf("np %s\n", r.err ? strerror(-r.err) : "ok");
			fflush(stdout);
			reply_reset(&r);
		} else if (!strncmp(line, "events", 6)) {
			/* DEMAND events each side saw so far */
			struct side *sides[2] = { &a, &b };
			struct nlmsghdr *h;
			int i;

			for (i = 0; i < 2; i++) {
				while ((h = wait_event(sides[i]->ev, NLPPP_CMD_DEMAND, 200))) {
					struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

					genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
					printf("demand %c bundle=%u proto=0x%04x\n", "ab"[i],
					       tb[NLPPP_A_BUNDLE_ID] ? nla_get_u32(tb[NLPPP_A_BUNDLE_ID]) : 0,
					       tb[NLPPP_A_PROTO] ? nla_get_u16(tb[NLPPP_A_PROTO]) : 0);
					free(h);
				}
			}
			printf("events done\n");
			fflush(stdout);
		} else if (!strncmp(line, "quit", 4)) {
			break;
		}
	}
	return 0;
}

/* ---- hardening (issue 8) ----------------------------------------------------- */

/* Write all of @len bytes to @fd (a blocking pty end). */
static bool write_all(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/* Async HDLC of any length into a new buffer: flag, escaped frame + FCS-16, flag. */
static uint8_t *hdlc_big(const uint8_t *in, size_t n, size_t *out_len)
{
	uint8_t *out = malloc(2 * (n + 2) + 2), fcs[2];
	uint16_t f = ~fcs16_ref(in, n);
	size_t i, o = 0;

	if (!out)
		die("malloc");
	fcs[0] = f & 0xff;
	fcs[1] = f >> 8;
	out[o++] = 0x7e;
	for (i = 0; i < n + 2; i++) {
		uint8_t c = i < n ? in[i] : fcs[i - n];

		if (c == 0x7e || c == 0x7d || c < 0x20) {
			out[o++] = 0x7d;
			out[o++] = c ^ 0x20;
		} else {
			out[o++] = c;
		}
	}
	out[o++] = 0x7e;
	*out_len = o;
	return out;
}

/* A pty whose master runs the ldisc, its link claimed by @c; 0 if that fails. */
static uint32_t claimed_pty(struct conn *c, struct pty *p)
{
	struct reply r = { 0 };
	uint32_t id;

	pty_open(p);
	if (set_ldisc(p->master, ldisc_num))
		return 0;
	link_new(c, &r, get_cookie(p->master), 0);
	id = r.err ? 0 : attr_u32(&r, NLPPP_A_LINK_ID);
	reply_reset(&r);
	return id;
}

/*
 * 13: a frame as long as the largest link MRU allows reaches the owner
 * whole, with a PAYLOAD length that did not wrap; a byte more is an
 * overrun; an MRU whose frames could not fit an attribute is refused.
 */
static void hardening_mru(struct conn *c)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	size_t plen = NLPPP_LINK_MRU_MAX + 5, wn, i;	/* fills the buffer: + 4 + 4 - 2 - 1 */
	struct reply r = { 0 };
	uint8_t *frame, *wire;
	struct nlmsghdr *h;
	struct nl_msg *m;
	uint64_t over;
	struct pty p;
	uint32_t l;
	bool good;

	l = claimed_pty(c, &p);
	check(l, "MRU: a claimed link on a pty");
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l);
	nla_put_u16(m, NLPPP_A_MRU, 65535);
	request(c, m, &r);
	EXPECT_ERR(&r, ERANGE, "LINK_SET MRU 65535 (its frames overflow a PAYLOAD attribute)");
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l);
	nla_put_u16(m, NLPPP_A_MRU, NLPPP_LINK_MRU_MAX + 1);
	request(c, m, &r);
	EXPECT_ERR(&r, ERANGE, "LINK_SET MRU NLPPP_LINK_MRU_MAX + 1");
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l);
	nla_put_u16(m, NLPPP_A_MRU, NLPPP_LINK_MRU_MAX);
	request(c, m, &r);
	check(!r.err, "LINK_SET MRU NLPPP_LINK_MRU_MAX (%d) is accepted (%d)",
	      NLPPP_LINK_MRU_MAX, r.err);
	link_set_u32(c, &r, l, NLPPP_A_RX_ACCM, 0);

	/* 0x21 alone: a PFC-compressed IPv4 header; no bundle, so it goes up as a FRAME. */
	frame = malloc(plen + 2);
	if (!frame)
		die("malloc");
	frame[0] = 0x21;
	for (i = 1; i < plen + 2; i++)
		frame[i] = 'A' + i % 26;
	wire = hdlc_big(frame, plen + 1, &wn);
	check(write_all(p.slave, wire, wn), "write a %zu-byte frame (the largest) into the pty", plen + 1);
	free(wire);
	h = wait_event(c, NLPPP_CMD_FRAME, 20000);
	good = false;
	if (h) {
		genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
		good = tb[NLPPP_A_PAYLOAD] && nla_len(tb[NLPPP_A_PAYLOAD]) == (int)plen &&
		       !memcmp(nla_data(tb[NLPPP_A_PAYLOAD]), frame + 1, plen);
		free(h);
	}
	check(good, "its FRAME event carries the whole %zu-byte payload", plen);
	check(plen <= NLPPP_PAYLOAD_MAX, "which fits NLPPP_PAYLOAD_MAX (%d)", NLPPP_PAYLOAD_MAX);

	over = link_stat(c, l, NLPPP_A_STATS_RX_OVERRUNS);
	wire = hdlc_big(frame, plen + 2, &wn);
	write_all(p.slave, wire, wn);
	free(wire);
	h = wait_event(c, NLPPP_CMD_FRAME, 3000);
	check(!h && link_stat(c, l, NLPPP_A_STATS_RX_OVERRUNS) == over + 1,
	      "a frame one byte longer is an overrun, not a FRAME");
	free(h);
	check(link_stat(c, l, NLPPP_A_STATS_RX_CTRL_TOOBIG) == 0,
	      "LINK_GET reports RX_CTRL_TOOBIG (0)");
	free(frame);
	close(p.master);
	close(p.slave);
	drop_events(c);
}

/* In a child: drop privilege, then TIOCSETD the nlppp ldisc on a new pty; exit with its errno. */
static int ldisc_child(bool as_nobody)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	struct pty p;

	if (as_nobody) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(100);
	} else {
		if (syscall(SYS_capget, &hdr, data))
			_exit(101);
		data[0].effective &= ~(1u << CAP_NET_ADMIN);
		data[0].permitted &= ~(1u << CAP_NET_ADMIN);
		if (syscall(SYS_capset, &hdr, data))
			_exit(102);
	}
	pty_open(&p);
	_exit(set_ldisc(p.master, ldisc_num) ? errno : 0);
}

static int run_child(int (*fn)(bool), bool arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid)
		fn(arg);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * In a child, in a netns of its own: claim @theirs (a link of the parent's
 * netns), make a link, send its cookie up @wfd, wait for a byte on @rfd,
 * then claim its own. Exit status: bit 0 the foreign claim got ENOENT, bit 1
 * its own claim succeeded.
 */
static void netns_child(uint64_t theirs, int rfd, int wfd)
{
	struct reply r = { 0 };
	uint64_t mine;
	struct conn *c;
	struct pty p;
	int bits = 0;
	char go;

	if (unshare(CLONE_NEWNET))
		_exit(100);
	pty_open(&p);
	if (set_ldisc(p.master, ldisc_num))
		_exit(101);
	mine = get_cookie(p.master);
	c = conn_open(false);
	link_new(c, &r, theirs, 0);
	if (r.err == -ENOENT)
		bits |= 1;
	if (write(wfd, &mine, sizeof(mine)) != sizeof(mine) || read(rfd, &go, 1) != 1)
		_exit(102);
	link_new(c, &r, mine, 0);
	if (!r.err && attr_u32(&r, NLPPP_A_LINK_ID))
		bits |= 2;
	_exit(bits);
}

/* 16: the ldisc takes CAP_NET_ADMIN; a cookie claims only in its own netns. */
static void hardening_ldisc_scope(struct conn *c)
{
	int up[2], down[2], status, e;
	struct reply r = { 0 };
	uint64_t mine, theirs = 0;
	struct pty p;
	pid_t pid;

	e = run_child(ldisc_child, true);
	check(e == EPERM, "as nobody: TIOCSETD nlppp on its own pty fails with EPERM (%d)", e);
	e = run_child(ldisc_child, false);
	check(e == EPERM, "root without CAP_NET_ADMIN: TIOCSETD nlppp fails with EPERM (%d)", e);

	pty_open(&p);
	set_ldisc(p.master, ldisc_num);
	mine = get_cookie(p.master);
	if (pipe(up) || pipe(down))
		die("pipe");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid)
		netns_child(mine, down[0], up[1]);
	if (read(up[0], &theirs, sizeof(theirs)) == sizeof(theirs)) {
		link_new(c, &r, theirs, 0);
		EXPECT_ERR(&r, ENOENT, "LINK_NEW with the cookie of a link made in another netns");
	} else {
		check(false, "the netns child sends its cookie");
	}
	if (write(down[1], "g", 1) != 1)
		die("write");
	status = -1;
	waitpid(pid, &status, 0);
	e = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	check(e >= 0 && (e & 1), "from another netns, LINK_NEW with our cookie fails with ENOENT (%d)", e);
	check(e >= 0 && (e & 2), "in its own netns, the cookie claims the link (%d)", e);
	link_new(c, &r, mine, 0);
	check(!r.err, "our own cookie still claims our link after all that (%d)", r.err);
	reply_reset(&r);
	close(up[0]); close(up[1]); close(down[0]); close(down[1]);
	close(p.master);
	close(p.slave);
	drop_events(c);
}

/*
 * 15: the owner's socket closes while the peer floods LCP frames; another
 * thread binds the same port id as soon as it is free and listens. It must
 * never receive a frame of the link. A third thread keeps nlppp_lock busy
 * with dumps, which used to hold the release notifier back (and the link's
 * frames flowing to whoever held the port id) for a while.
 */
struct race {
	int tty;		/* the pty end the peer writes */
	uint32_t port;
	volatile int stop;
	int stolen;		/* FRAME events the newcomer received */
	int bound;		/* it got the port id */
};

static void *race_peer(void *arg)
{
	struct race *rc = arg;
	uint8_t lcp[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 'p', 'a', 's', 's' };
	uint8_t wire[64 * 32];
	size_t n = 0, one;
	int i;

	for (i = 0; i < 64; i++) {
		one = hdlc_ref(lcp, sizeof(lcp), 0xffffffff, wire + n);
		n += one;
	}
	while (!rc->stop)
		if (write(rc->tty, wire, n) < 0 && errno != EAGAIN && errno != EINTR)
			break;
	return NULL;
}

static void *race_newcomer(void *arg)
{
	struct race *rc = arg;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_pid = rc->port };
	char buf[8192];
	int64_t end;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return NULL;
	while (!rc->stop) {
		if (!bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			rc->bound = 1;
			break;
		}
	}
	end = now_ms() + 300;
	while (rc->bound && now_ms() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *h;
		ssize_t n;

		if (poll(&pfd, 1, 50) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		for (h = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == family_id &&
			    ((struct genlmsghdr *)NLMSG_DATA(h))->cmd == NLPPP_CMD_FRAME)
				rc->stolen++;
	}
	close(fd);
	return NULL;
}

static void *race_busy(void *arg)
{
	struct race *rc = arg;
	struct conn *c = conn_open(false);
	struct reply r = { 0 };

	while (!rc->stop) {
		dump(c, &r, NLPPP_CMD_BUNDLE_GET);
		dump(c, &r, NLPPP_CMD_LINK_GET);
	}
	reply_reset(&r);
	conn_close(c);
	return NULL;
}

static void hardening_owner_socket(struct conn *c)
{
	int rounds = 40, bound = 0, stolen = 0, got = 0, i, k;
	pthread_t busy, peer, nc;
	struct race busy_rc = { 0 };
	struct reply r = { 0 };
	uint32_t bundles[16];
	struct conn *a;
	struct pty p;

	/* Bundles make each dump, and so each hold of the lock, longer. */
	for (k = 0; k < 16; k++) {
		bundle_new(c, &r, NULL, -1, 0);
		bundles[k] = attr_u32(&r, NLPPP_A_BUNDLE_ID);
	}
	pthread_create(&busy, NULL, race_busy, &busy_rc);
	for (i = 0; i < rounds; i++) {
		struct race rc = { .port = 0x4e500000u + (getpid() & 0xffff) * 64 + i };
		struct nlmsghdr *h;

		a = conn_open_port(false, rc.port);
		pty_open(&p);
		set_ldisc(p.master, ldisc_num);
		link_new(a, &r, get_cookie(p.master), 0);
		if (r.err) {
			check(false, "owner race: claim (%d)", r.err);
			break;
		}
		rc.tty = p.slave;
		pthread_create(&peer, NULL, race_peer, &rc);
		/* The owner hears the peer: frames do flow to the claimed link. */
		h = wait_event(a, NLPPP_CMD_FRAME, 5000);
		got += !!h;
		free(h);
		pthread_create(&nc, NULL, race_newcomer, &rc);
		usleep(1000);
		conn_close(a);
		usleep(100 * 1000);
		rc.stop = 1;
		pthread_join(nc, NULL);
		pthread_join(peer, NULL);
		bound += rc.bound;
		stolen += rc.stolen;
		close(p.master);
		close(p.slave);
	}
	busy_rc.stop = 1;
	pthread_join(busy, NULL);
	for (k = 0; k < 16; k++)
		by_id(c, &r, NLPPP_CMD_BUNDLE_DEL, NLPPP_A_BUNDLE_ID, bundles[k]);
	reply_reset(&r);
	check(got == rounds, "owner race: the owner received the peer's frames (%d/%d rounds)", got, rounds);
	check(bound == rounds, "owner race: a newcomer bound the closed owner's port id (%d/%d rounds)",
	      bound, rounds);
	check(stolen == 0, "owner race: it never received a frame of the link (%d received)", stolen);
}

/*
 * 14: on a serial port (the VM's second 16550, whose transmit buffer holds
 * 4095 bytes), a sync frame longer than that can never be written whole.
 * It must be dropped and counted, not retried forever with LCP stuck
 * behind it: the control frames sent after it all get through.
 */
static void hardening_sync_toobig(struct conn *c)
{
	static uint8_t big[5000], fits[3000];
	const char *dev = getenv("NLPPP_SERIAL") ?: "/dev/ttyS1";
	uint8_t lcp[] = { 0x09, 0x01, 0x00, 0x08, 0, 0, 0, 0 };
	struct reply r = { 0 };
	int fd, i, sent = 0;
	struct termios t;
	uint32_t l;
	int64_t end;

	fd = open(dev, O_RDWR | O_NOCTTY | O_NONBLOCK);
	check(fd >= 0, "sync: open %s (a real UART: the VM has one with a null backend) (%s)",
	      dev, fd < 0 ? strerror(errno) : "ok");
	if (fd < 0)
		return;
	fcntl(fd, F_SETFL, 0);
	tcgetattr(fd, &t);
	cfmakeraw(&t);
	cfsetspeed(&t, B115200);
	t.c_cflag |= CLOCAL;
	tcsetattr(fd, TCSANOW, &t);
	if (set_ldisc(fd, ldisc_num)) {
		check(false, "sync: TIOCSETD on %s (%s)", dev, strerror(errno));
		close(fd);
		return;
	}
	link_new(c, &r, get_cookie(fd), 0);
	l = attr_u32(&r, NLPPP_A_LINK_ID);
	link_set_u32(c, &r, l, NLPPP_A_LINK_TYPE, NLPPP_LINK_SYNC);
	check(l && !r.err, "sync: link %u on %s, sync framing", l, dev);

	memset(big, 0x55, sizeof(big));
	send_frame(c, &r, l, 0xc021, big, sizeof(big));
	check(!r.err, "sync: a %zu-byte frame is queued (%d)", sizeof(big), r.err);
	for (i = 0; i < 60; i++) {
		lcp[1] = i;
		send_frame(c, &r, l, 0xc021, lcp, sizeof(lcp));
		sent += !r.err;
		usleep(2000);
	}
	check(sent == 60, "sync: 60 LCP frames behind it are all accepted (%d; a stuck queue refuses after 40)",
	      sent);
	end = now_ms() + 5000;
	while (link_stat(c, l, NLPPP_A_STATS_TX_TOOBIG) != 1 && now_ms() < end)
		usleep(20000);
	check(link_stat(c, l, NLPPP_A_STATS_TX_TOOBIG) == 1 &&
	      link_stat(c, l, NLPPP_A_STATS_TX_DROPPED) == 1,
	      "sync: it is dropped and counted: TX_TOOBIG 1, TX_DROPPED 1");
	memset(fits, 0x55, sizeof(fits));
	send_frame(c, &r, l, 0xc021, fits, sizeof(fits));
	usleep(300000);
	check(!r.err && link_stat(c, l, NLPPP_A_STATS_TX_TOOBIG) == 1,
	      "sync: a %zu-byte frame, which fits the UART, is not", sizeof(fits));
	reply_reset(&r);
	set_ldisc(fd, N_TTY);
	close(fd);
	drop_events(c);
}

static int test_hardening(void)
{
	struct conn *c = conn_open(false);

	nl_socket_enable_msg_peek(c->sk);
	hardening_mru(c);
	hardening_ldisc_scope(c);
	hardening_owner_socket(c);
	hardening_sync_toobig(c);
	conn_close(c);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* ---- hostile frames through the line discipline ----------------------------- */

/*
 * nlppp_api_test hostile async|sync N: N frames of every kind a broken or
 * malicious peer can send, written over a pty into a claimed link, then
 * the link's counters must account for each one exactly: frames in =
 * RX_PACKETS + RX_DROPPED + RX_CTRL_TOOBIG + RX_FCS_ERRORS +
 * RX_FRAME_ERRORS + RX_ABORTS + RX_OVERRUNS. Where a kind's fate is
 * certain its counter is checked too; a reader drains the FRAME events and
 * must have seen exactly CTRL_RX of them.
 */
enum hk {
	HK_GOOD, HK_RANDOM, HK_TRUNC, HK_OVERSIZE, HK_BADFCS, HK_BADESC,
	HK_ABORT, HK_RUNT, HK_BADHDR, HK_N,
};

static const char *const hk_name[HK_N] = {
	"good", "random", "truncated", "oversize", "bad-fcs", "bad-escape",
	"abort", "runt", "bad-header",
};

/* Per mille of each kind, async. */
static const int hk_async_mix[HK_N] = { 100, 300, 150, 10, 100, 100, 100, 70, 70 };

static uint64_t hk_rng = 0x9e3779b97f4a7c15ull;

static uint32_t hk_rand(void)
{
	hk_rng ^= hk_rng << 13;
	hk_rng ^= hk_rng >> 7;
	hk_rng ^= hk_rng << 17;
	return hk_rng >> 32;
}

/* Escaped body (no flags) of @raw + FCS-16 (XORed with @fcs_xor), default ACCM. */
static size_t hk_escape(const uint8_t *raw, size_t n, uint16_t fcs_xor, uint8_t *out)
{
	uint16_t f = ~fcs16_ref(raw, n) ^ fcs_xor;
	size_t i, o = 0;

	for (i = 0; i < n + 2; i++) {
		uint8_t c = i < n ? raw[i] : i == n ? (f & 0xff) : f >> 8;

		if (c == 0x7e || c == 0x7d || c < 0x20) {
			out[o++] = 0x7d;
			out[o++] = c ^ 0x20;
		} else {
			out[o++] = c;
		}
	}
	return o;
}

/* A good LCP Echo-Request of 12..40 bytes, raw. */
static size_t hk_lcp(uint8_t *raw)
{
	size_t n = 12 + hk_rand() % 29, i;

	raw[0] = 0xff; raw[1] = 0x03; raw[2] = 0xc0; raw[3] = 0x21;
	raw[4] = 0x09; raw[5] = hk_rand(); raw[6] = 0; raw[7] = n - 4;
	for (i = 8; i < n; i++)
		raw[i] = hk_rand();
	return n;
}

static uint8_t hk_printable(void)
{
	return 0x20 + hk_rand() % (0x7d - 0x20);	/* 0x20..0x7c */
}

/* One async frame of kind @k at @o, its closing flag included. */
static size_t hk_async_frame(enum hk k, uint8_t *o)
{
	uint8_t raw[64], enc[160];
	size_t n, e, i, cut;

	switch (k) {
	case HK_GOOD:
		n = hk_escape(raw, hk_lcp(raw), 0, o);
		break;
	case HK_RANDOM:
		n = 1 + hk_rand() % 48;
		o[0] = hk_printable();
		for (i = 1; i < n; i++)
			while ((o[i] = hk_rand()) == 0x7e)
				;
		if (o[n - 1] == 0x7d)
			o[n - 1] = 0x5d;
		break;
	case HK_TRUNC:
		e = hk_escape(raw, hk_lcp(raw), 0, enc);
		cut = 1 + hk_rand() % (e - 1);
		while (cut > 1 && enc[cut - 1] == 0x7d)
			cut--;
		memcpy(o, enc, cut);
		n = cut;
		break;
	case HK_OVERSIZE:
		n = 1600 + hk_rand() % 200;
		memset(o, 'O', n);
		break;
	case HK_BADFCS:
		n = hk_escape(raw, hk_lcp(raw), 1 + hk_rand() % 0xffff, o);
		break;
	case HK_BADESC:
		e = hk_escape(raw, hk_lcp(raw), 0, enc);
		/* An escape before a byte that was not escaped: it changes. */
		for (i = 4 + hk_rand() % (e - 4); i < e; i++)
			if (enc[i] != 0x7d && enc[i - 1] != 0x7d)
				break;
		if (i >= e)
			i = 1;
		memcpy(o, enc, i);
		o[i] = 0x7d;
		memcpy(o + i + 1, enc + i, e - i);
		n = e + 1;
		break;
	case HK_ABORT:
		e = hk_escape(raw, hk_lcp(raw), 0, enc);
		cut = 1 + hk_rand() % (e - 1);
		while (cut > 1 && enc[cut - 1] == 0x7d)
			cut--;
		memcpy(o, enc, cut);
		o[cut] = 0x7d;		/* then the flag: 0x7d 0x7e */
		n = cut + 1;
		break;
	case HK_RUNT:
		n = 1 + hk_rand() % 2;
		for (i = 0; i < n; i++)
			o[i] = hk_printable();
		break;
	case HK_BADHDR:
		raw[0] = 0xff; raw[1] = 0x03; raw[2] = 0x00; raw[3] = 0x00;
		for (i = 4; i < 12; i++)
			raw[i] = hk_rand();
		n = hk_escape(raw, 12, 0, o);
		break;
	default:
		n = 0;
	}
	o[n++] = 0x7e;
	return n;
}

/*
 * Sync framing has no flags, escapes or FCS, and a pty merges and splits
 * what is written, so the decoder cuts frames at the lengths they record.
 * The kinds a byte stream can carry, each with one certain fate wherever
 * the pty splits it: good LCP frames (ACFC, all bytes but the protocol and
 * code even, so no byte inside looks like a header), junk (1-3 even bytes:
 * no PPP header, always followed by a good frame, one runt each), and
 * oversize IPv4 frames (a checked header whose Total Length is past the
 * MRU: waited out, one overrun). Longer random runs, truncation and
 * aborts cannot be told from a split frame on such a stream; the async
 * pass covers them.
 */
static const int hk_sync_mix[HK_N] = { [HK_GOOD] = 550, [HK_RUNT] = 440, [HK_OVERSIZE] = 10 };

static uint8_t hk_even(void)
{
	return hk_rand() & 0xfe;
}

static size_t hk_sync_frame(enum hk k, uint8_t *o)
{
	size_t n, i;
	uint32_t sum;

	switch (k) {
	case HK_GOOD:
		n = 8 + 2 * (hk_rand() % 17);		/* LCP Length 8..40, even */
		o[0] = 0xc0; o[1] = 0x21;
		o[2] = 0x09; o[3] = hk_even(); o[4] = 0; o[5] = n;
		for (i = 6; i < n + 2; i++)
			o[i] = hk_even();
		return n + 2;
	case HK_RUNT:
		n = 1 + hk_rand() % 3;
		for (i = 0; i < n; i++)
			o[i] = hk_even();
		return n;
	case HK_OVERSIZE:
		for (;;) {
			uint8_t *ip = o + 1;

			n = 1600 + hk_rand() % 400;	/* Total Length > MRU 1500 */
			memset(o, 0, n + 1);
			o[0] = 0x21;
			ip[0] = 0x45; ip[2] = n >> 8; ip[3] = n & 0xff;
			ip[4] = hk_rand(); ip[5] = hk_rand();
			ip[8] = 64; ip[9] = 17;
			ip[12] = 10; ip[15] = 2; ip[16] = 10; ip[19] = 1;
			for (sum = 0, i = 0; i < 20; i += 2)
				sum += ip[i] << 8 | ip[i + 1];
			while (sum >> 16)
				sum = (sum & 0xffff) + (sum >> 16);
			sum = ~sum & 0xffff;
			ip[10] = sum >> 8;
			ip[11] = sum & 0xff;
			for (i = 0; i < 20; i++)
				if (ip[i] == 0x21)
					break;
			if (i == 20)
				break;
		}
		return n + 1;
	default:
		return 0;
	}
}

struct hk_reader {
	int fd;
	volatile int stop;
	uint64_t frames;	/* FRAME events received */
};

static void *hk_read(void *arg)
{
	struct hk_reader *rd = arg;
	static char buf[1 << 16];

	for (;;) {
		struct pollfd pfd = { .fd = rd->fd, .events = POLLIN };
		struct nlmsghdr *h;
		ssize_t n;

		if (poll(&pfd, 1, 200) <= 0) {
			if (rd->stop)
				break;
			continue;
		}
		n = recv(rd->fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0)
			continue;	/* ENOBUFS: the kernel counts what it dropped */
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == family_id &&
			    ((struct genlmsghdr *)NLMSG_DATA(h))->cmd == NLPPP_CMD_FRAME)
				rd->frames++;
	}
	return NULL;
}

static uint64_t hk_sum(struct conn *c, uint32_t l, uint64_t *st)
{
	static const int which[] = {
		NLPPP_A_STATS_RX_PACKETS, NLPPP_A_STATS_RX_DROPPED,
		NLPPP_A_STATS_RX_CTRL_TOOBIG, NLPPP_A_STATS_RX_FCS_ERRORS,
		NLPPP_A_STATS_RX_FRAME_ERRORS, NLPPP_A_STATS_RX_ABORTS,
		NLPPP_A_STATS_RX_OVERRUNS, NLPPP_A_STATS_CTRL_RX,
	};
	uint64_t sum = 0;
	int i;

	for (i = 0; i < 8; i++) {
		st[which[i]] = link_stat(c, l, which[i]);
		if (which[i] != NLPPP_A_STATS_CTRL_RX)
			sum += st[which[i]];
	}
	return sum;
}

static int hostile(const char *framing, long total)
{
	bool sync = !strcmp(framing, "sync");
	uint64_t count[HK_N] = { 0 }, st[NLPPP_A_STATS_MAX + 1] = { 0 }, sum, last;
	size_t cap = 1 << 20, used = 0;
	struct hk_reader rd = { 0 };
	struct reply r = { 0 };
	int64_t t0, t1, idle;
	uint8_t *buf;
	struct conn *c;
	struct pty p;
	pthread_t th;
	long i;
	uint32_t l;
	int k, one = 1 << 23;
	uint64_t bytes = 0;

	c = conn_open(false);
	l = claimed_pty(c, &p);
	check(l, "hostile %s: a claimed link on a pty", framing);
	if (!l)
		return 1;
	if (sync)
		link_set_u32(c, &r, l, NLPPP_A_LINK_TYPE, NLPPP_LINK_SYNC);
	reply_reset(&r);
	/* A second socket reads the events: the counters come over the first. */
	rd.fd = nl_socket_get_fd(c->sk);
	setsockopt(rd.fd, SOL_SOCKET, SO_RCVBUFFORCE, &one, sizeof(one));
	{
		struct conn *q = conn_open(false);

		/* c owns the link; its fd is read by the thread, q asks for counters. */
		rd.fd = nl_socket_get_fd(c->sk);
		pthread_create(&th, NULL, hk_read, &rd);
		buf = malloc(cap + 4096);
		if (!buf)
			die("malloc");
		t0 = now_ms();
		if (!sync)
			buf[used++] = 0x7e;	/* the decoder syncs on a flag first */
		for (i = 0, k = HK_GOOD; i < total; i++) {
			const int *mix = sync ? hk_sync_mix : hk_async_mix;
			int pick = hk_rand() % 1000, acc = 0;

			/* Sync: junk is followed by a good frame, and so is the stream. */
			if (sync && (k == HK_RUNT || i == total - 1)) {
				k = HK_GOOD;
			} else {
				for (k = 0; k < HK_N - 1; k++) {
					acc += mix[k];
					if (pick < acc)
						break;
				}
			}
			used += sync ? hk_sync_frame(k, buf + used) :
				       hk_async_frame(k, buf + used);
			count[k]++;
			if (used >= cap) {
				if (!write_all(p.slave, buf, used))
					die("write pty");
				bytes += used;
				used = 0;
			}
		}
		if (used && !write_all(p.slave, buf, used))
			die("write pty");
		bytes += used;
		t1 = now_ms();
		/* Until the counters stop moving (the ldisc has everything). */
		last = UINT64_MAX;
		idle = 0;
		while (idle < 2000) {
			sum = hk_sum(q, l, st);
			if (sum == last) {
				idle += 250;
			} else {
				idle = 0;
				last = sum;
			}
			if (sum == (uint64_t)total)
				break;
			usleep(250000);
		}
		rd.stop = 1;
		pthread_join(th, NULL);
		sum = hk_sum(q, l, st);
		conn_close(q);
	}
	printf("     hostile %s: %ld frames, %llu bytes written in %lld ms (%.0f frames/s, %.1f MB/s)\n",
	       framing, total, (unsigned long long)bytes, (long long)(t1 - t0),
	       total * 1000.0 / (t1 - t0 + 1), bytes / 1000.0 / (t1 - t0 + 1));
	printf("     sent:");
	for (k = 0; k < HK_N; k++)
		printf(" %s=%llu", hk_name[k], (unsigned long long)count[k]);
	printf("\n     counted: rx_packets=%llu rx_dropped=%llu ctrl_toobig=%llu fcs=%llu frame=%llu aborts=%llu overruns=%llu ctrl_rx=%llu events_read=%llu\n",
	       (unsigned long long)st[NLPPP_A_STATS_RX_PACKETS],
	       (unsigned long long)st[NLPPP_A_STATS_RX_DROPPED],
	       (unsigned long long)st[NLPPP_A_STATS_RX_CTRL_TOOBIG],
	       (unsigned long long)st[NLPPP_A_STATS_RX_FCS_ERRORS],
	       (unsigned long long)st[NLPPP_A_STATS_RX_FRAME_ERRORS],
	       (unsigned long long)st[NLPPP_A_STATS_RX_ABORTS],
	       (unsigned long long)st[NLPPP_A_STATS_RX_OVERRUNS],
	       (unsigned long long)st[NLPPP_A_STATS_CTRL_RX],
	       (unsigned long long)rd.frames);
	check(sum == (uint64_t)total,
	      "hostile %s: frames in (%ld) = delivered + every drop counter (%llu)",
	      framing, total, (unsigned long long)sum);
	/* Random bytes may end in 0x7d and control bytes (noise): aborts too. */
	check(st[NLPPP_A_STATS_RX_ABORTS] >= count[HK_ABORT],
	      "hostile %s: every abort counted (%llu)", framing,
	      (unsigned long long)st[NLPPP_A_STATS_RX_ABORTS]);
	check(st[NLPPP_A_STATS_RX_OVERRUNS] == count[HK_OVERSIZE],
	      "hostile %s: every oversize frame is an overrun (%llu)", framing,
	      (unsigned long long)st[NLPPP_A_STATS_RX_OVERRUNS]);
	if (sync) {
		check(st[NLPPP_A_STATS_RX_FRAME_ERRORS] == count[HK_RUNT],
		      "hostile %s: each junk run is one frame error (%llu)", framing,
		      (unsigned long long)st[NLPPP_A_STATS_RX_FRAME_ERRORS]);
		check(st[NLPPP_A_STATS_RX_PACKETS] + st[NLPPP_A_STATS_RX_DROPPED] == count[HK_GOOD],
		      "hostile %s: every good frame delivered or counted dropped, none made up",
		      framing);
	} else {
		check(st[NLPPP_A_STATS_RX_FRAME_ERRORS] >= count[HK_RUNT] + count[HK_BADHDR],
		      "hostile %s: runts and bad headers are frame errors", framing);
		check(st[NLPPP_A_STATS_RX_PACKETS] + st[NLPPP_A_STATS_RX_DROPPED] >= count[HK_GOOD],
		      "hostile %s: every good frame delivered or counted dropped", framing);
	}
	check(st[NLPPP_A_STATS_CTRL_RX] == rd.frames && rd.frames > 0,
	      "hostile %s: the owner read exactly CTRL_RX FRAME events (%llu)", framing,
	      (unsigned long long)rd.frames);
	free(buf);
	close(p.master);
	close(p.slave);
	conn_close(c);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* ---- compression and encryption (issue 9) -------------------------------------- */

/*
 * Two bundles whose links are two pty pairs joined by a relay: the relay
 * forwards whole async frames (up to and including their closing flag) and
 * can drop the next N frames a -> b on purpose.
 */
struct relay {
	int a, b;		/* the two masters */
	pthread_mutex_t b_lock;	/* whole frames into b: the relay's and injected ones */
	volatile int drop_ab;	/* frames a -> b still to drop */
	volatile int dropped;
	volatile bool stop;
};

static void relay_pass(struct relay *r, int from, int to, uint8_t *cur, size_t *n, bool ab)
{
	uint8_t buf[4096];
	ssize_t got = read(from, buf, sizeof(buf));
	ssize_t i;

	for (i = 0; i < got; i++) {
		if (*n < 70000)
			cur[(*n)++] = buf[i];
		if (buf[i] != 0x7e)
			continue;
		if (ab && r->drop_ab > 0 && *n > 1) {
			r->drop_ab--;
			r->dropped++;
		} else {
			if (ab)
				pthread_mutex_lock(&r->b_lock);
			write_all(to, cur, *n);
			if (ab)
				pthread_mutex_unlock(&r->b_lock);
		}
		*n = 0;
	}
}

static void *relay_run(void *arg)
{
	static uint8_t ab[70000], ba[70000];
	struct relay *r = arg;
	size_t nab = 0, nba = 0;

	while (!r->stop) {
		struct pollfd p[2] = { { r->a, POLLIN, 0 }, { r->b, POLLIN, 0 } };

		if (poll(p, 2, 200) <= 0)
			continue;
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
			relay_pass(r, r->a, r->b, ab, &nab, true);
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR))
			relay_pass(r, r->b, r->a, ba, &nba, false);
	}
	return NULL;
}

/* The RFC 3079 3.5 start key: any 16 bytes do, both ends use the same. */
static const uint8_t test_key[16] = {
	0x8b, 0x7c, 0xdc, 0x14, 0x9b, 0x99, 0x3a, 0x1b,
	0xa1, 0x18, 0xcb, 0x15, 0x3f, 0x56, 0xdc, 0xcb,
};

/*
 * One direction's CCP by name: none, pred1, mppe40/56/128[s] (s: stateful),
 * deflate[W], draft[W] (Deflate as CCP type 24), bsd[BITS]; W, BITS 15 when left out.
 */
static void put_ccp(struct nl_msg *m, int dir_attr, const char *spec, bool required)
{
	struct nlattr *n = nla_nest_start(m, dir_attr);
	unsigned int bits = 0;
	char st = 0;

	if (!strcmp(spec, "none")) {
		nla_put_u8(m, NLPPP_A_CCP_METHOD, NLPPP_CCP_NONE);
	} else if (!strcmp(spec, "pred1")) {
		nla_put_u8(m, NLPPP_A_CCP_METHOD, NLPPP_CCP_PRED1);
	} else if (sscanf(spec, "deflate%u", &bits) == 1 || !strcmp(spec, "deflate")) {
		nla_put_u8(m, NLPPP_A_CCP_METHOD, NLPPP_CCP_DEFLATE);
		nla_put_u8(m, NLPPP_A_CCP_DEFLATE_WINDOW, (uint8_t)(bits ?: 15));
	} else if (sscanf(spec, "draft%u", &bits) == 1 || !strcmp(spec, "draft")) {
		nla_put_u8(m, NLPPP_A_CCP_METHOD, NLPPP_CCP_DEFLATE_DRAFT);
		nla_put_u8(m, NLPPP_A_CCP_DEFLATE_WINDOW, (uint8_t)(bits ?: 15));
	} else if (sscanf(spec, "bsd%u", &bits) == 1 || !strcmp(spec, "bsd")) {
		nla_put_u8(m, NLPPP_A_CCP_METHOD, NLPPP_CCP_BSD);
		nla_put_u8(m, NLPPP_A_CCP_BSD_BITS, (uint8_t)(bits ?: 15));
	} else if (sscanf(spec, "mppe%u%c", &bits, &st) >= 1) {
		nla_put_u8(m, NLPPP_A_CCP_METHOD, NLPPP_CCP_MPPE);
		nla_put_u8(m, NLPPP_A_CCP_MPPE_BITS, (uint8_t)bits);
		nla_put_u8(m, NLPPP_A_CCP_MPPE_STATEFUL, st == 's');
		nla_put(m, NLPPP_A_CCP_MPPE_KEY, sizeof(test_key), test_key);
	}
	if (required)
		nla_put_u8(m, NLPPP_A_CCP_REQUIRED, 1);
	nla_nest_end(m, n);
}

static void set_ccp(struct side *s, struct reply *r, bool tx, const char *spec, bool required)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);

	nla_put_u32(m, NLPPP_A_BUNDLE_ID, s->bundle);
	put_ccp(m, tx ? NLPPP_A_CCP_TX : NLPPP_A_CCP_RX, spec, required);
	request(s->c, m, r);
}

/* Send a hand-made CCP_TX nest: the rejections. */
static void set_ccp_raw(struct side *s, struct reply *r, int method, int bits, int keylen)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	struct nlattr *n;

	nla_put_u32(m, NLPPP_A_BUNDLE_ID, s->bundle);
	n = nla_nest_start(m, NLPPP_A_CCP_TX);
	nla_put_u8(m, NLPPP_A_CCP_METHOD, (uint8_t)method);
	if (bits)
		nla_put_u8(m, NLPPP_A_CCP_MPPE_BITS, (uint8_t)bits);
	if (keylen)
		nla_put(m, NLPPP_A_CCP_MPPE_KEY, keylen, test_key);
	nla_nest_end(m, n);
	request(s->c, m, r);
}

static void set_vj(struct side *s, struct reply *r, int tx, int rx, bool cid)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_BUNDLE_SET, 0);
	struct nlattr *n;

	nla_put_u32(m, NLPPP_A_BUNDLE_ID, s->bundle);
	n = nla_nest_start(m, NLPPP_A_VJ);
	nla_put_u16(m, NLPPP_A_VJ_TX_SLOTS, (uint16_t)tx);
	nla_put_u16(m, NLPPP_A_VJ_RX_SLOTS, (uint16_t)rx);
	nla_put_u8(m, NLPPP_A_VJ_TX_CID_COMP, cid);
	nla_nest_end(m, n);
	request(s->c, m, r);
}

static void ccp_reset(struct side *s, struct reply *r, bool tx)
{
	struct nl_msg *m = msg_new(NLPPP_CMD_CCP_RESET, 0);

	nla_put_u32(m, NLPPP_A_BUNDLE_ID, s->bundle);
	nla_put_u8(m, NLPPP_A_DIRECTION, tx ? NLPPP_DIR_TX : NLPPP_DIR_RX);
	request(s->c, m, r);
}

static const char *const comp_stat_name[] = {
	[NLPPP_A_STATS_COMP_TX_IN] = "comp_tx_in",
	[NLPPP_A_STATS_COMP_TX_OUT] = "comp_tx_out",
	[NLPPP_A_STATS_COMP_TX_INCOMPRESSIBLE] = "comp_tx_incompressible",
	[NLPPP_A_STATS_COMP_RX_IN] = "comp_rx_in",
	[NLPPP_A_STATS_COMP_RX_OUT] = "comp_rx_out",
	[NLPPP_A_STATS_COMP_TX_RESETS] = "comp_tx_resets",
	[NLPPP_A_STATS_COMP_RX_RESETS] = "comp_rx_resets",
	[NLPPP_A_STATS_COMP_RX_ERRORS] = "comp_rx_errors",
	[NLPPP_A_STATS_MPPE_DISCARDS] = "mppe_discards",
	[NLPPP_A_STATS_COMP_REQUIRED_DROPS] = "comp_required_drops",
	[NLPPP_A_STATS_VJ_TX_COMPRESSED] = "vj_tx_compressed",
	[NLPPP_A_STATS_VJ_TX_UNCOMPRESSED] = "vj_tx_uncompressed",
	[NLPPP_A_STATS_VJ_RX_COMPRESSED] = "vj_rx_compressed",
	[NLPPP_A_STATS_VJ_RX_UNCOMPRESSED] = "vj_rx_uncompressed",
	[NLPPP_A_STATS_VJ_RX_ERRORS] = "vj_rx_errors",
	[NLPPP_A_STATS_VJ_RX_TOSSED] = "vj_rx_tossed",
};

/* "stats a comp_tx_in=N ..." from a BUNDLE_GET, with the CCP_ERROR events seen. */
static void comp_stats(struct side *s, char name, int *events)
{
	struct nlattr *st[NLPPP_A_STATS_MAX + 1];
	struct reply r = { 0 };
	struct nlmsghdr *h;
	int i;

	while ((h = wait_event(s->c, NLPPP_CMD_CCP_ERROR, 100))) {
		struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };

		genlmsg_parse(h, 0, tb, NLPPP_A_MAX, NULL);
		if (tb[NLPPP_A_BUNDLE_ID] && nla_get_u32(tb[NLPPP_A_BUNDLE_ID]) == s->bundle &&
		    tb[NLPPP_A_LINK_ID] && nla_get_u32(tb[NLPPP_A_LINK_ID]) == s->link)
			(*events)++;
		free(h);
	}
	by_id(s->c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, s->bundle);
	printf("stats %c ccp_errors=%d", name, *events);
	if (!r.err && r.tb[NLPPP_A_STATS] &&
	    !nla_parse_nested(st, NLPPP_A_STATS_MAX, r.tb[NLPPP_A_STATS], NULL)) {
		for (i = NLPPP_A_STATS_COMP_TX_IN; i <= NLPPP_A_STATS_VJ_RX_TOSSED; i++)
			printf(" %s=%llu", comp_stat_name[i],
			       st[i] ? (unsigned long long)nla_get_u64(st[i]) : 0ull);
		printf(" rx_dropped=%llu", st[NLPPP_A_STATS_RX_DROPPED] ?
		       (unsigned long long)nla_get_u64(st[NLPPP_A_STATS_RX_DROPPED]) : 0ull);
	}
	printf("\n");
	reply_reset(&r);
}

/*
 * What BUNDLE_GET says of the transmit CCP: "get a method=1 bits=128
 * stateful=0 required=0 key=absent". The key must never come back, in a
 * GET or a dump (its bytes are looked for anywhere in either).
 */
static void comp_get(struct side *s, char name)
{
	struct nlattr *ccp[NLPPP_A_CCP_MAX + 1];
	unsigned int method, bits, stateful, required;
	struct reply r = { 0 };
	bool key = false;
	int i;

	by_id(s->c, &r, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, s->bundle);
	if (r.err || !r.tb[NLPPP_A_CCP_TX] ||
	    nla_parse_nested(ccp, NLPPP_A_CCP_MAX, r.tb[NLPPP_A_CCP_TX], NULL)) {
		printf("get %c error\n", name);
		reply_reset(&r);
		return;
	}
	key = ccp[NLPPP_A_CCP_MPPE_KEY] != NULL;
	if (r.tb[NLPPP_A_CCP_RX] &&
	    !nla_parse_nested(ccp, NLPPP_A_CCP_MAX, r.tb[NLPPP_A_CCP_RX], NULL) &&
	    ccp[NLPPP_A_CCP_MPPE_KEY])
		key = true;
	nla_parse_nested(ccp, NLPPP_A_CCP_MAX, r.tb[NLPPP_A_CCP_TX], NULL);
	/* Nor anywhere in the message's bytes. */
	for (i = 0; r.last && i + 16 <= (int)((struct nlmsghdr *)r.last)->nlmsg_len; i++)
		if (!memcmp((uint8_t *)r.last + i, test_key, 16))
			key = true;
	method = ccp[NLPPP_A_CCP_METHOD] ? nla_get_u8(ccp[NLPPP_A_CCP_METHOD]) : 99;
	bits = ccp[NLPPP_A_CCP_MPPE_BITS] ? nla_get_u8(ccp[NLPPP_A_CCP_MPPE_BITS]) : 0;
	stateful = ccp[NLPPP_A_CCP_MPPE_STATEFUL] ? nla_get_u8(ccp[NLPPP_A_CCP_MPPE_STATEFUL]) : 0;
	required = ccp[NLPPP_A_CCP_REQUIRED] ? nla_get_u8(ccp[NLPPP_A_CCP_REQUIRED]) : 0;
	reply_reset(&r);
	dump(s->c, &r, NLPPP_CMD_BUNDLE_GET);
	for (i = 0; r.last && i + 16 <= (int)((struct nlmsghdr *)r.last)->nlmsg_len; i++)
		if (!memcmp((uint8_t *)r.last + i, test_key, 16))
			key = true;
	reply_reset(&r);
	printf("get %c method=%u bits=%u stateful=%u required=%u key=%s\n", name, method, bits,
	       stateful, required, key ? "PRESENT" : "absent");
}

/* Bad configurations, each refused with EINVAL (or the policy's ERANGE) and a message. */
static void comp_rejections(struct side *s)
{
	struct reply r = { 0 };

	set_ccp_raw(s, &r, NLPPP_CCP_MPPE, 64, 16);
	check(r.err == -EINVAL && r.msg[0], "MPPE with 64 bits refused: %d \"%s\"", r.err, r.msg);
	set_ccp_raw(s, &r, NLPPP_CCP_MPPE, 200, 16);
	check((r.err == -EINVAL || r.err == -ERANGE) && r.msg[0],
	      "MPPE with 200 bits refused: %d \"%s\"", r.err, r.msg);
	set_ccp_raw(s, &r, NLPPP_CCP_MPPE, 128, 8);
	check((r.err == -EINVAL || r.err == -ERANGE) && r.msg[0],
	      "an 8-byte MPPE key refused: %d \"%s\"", r.err, r.msg);
	set_ccp_raw(s, &r, NLPPP_CCP_MPPE, 128, 0);
	check(r.err == -EINVAL && r.msg[0], "MPPE without a key refused: %d \"%s\"", r.err, r.msg);
	set_ccp_raw(s, &r, NLPPP_CCP_PRED1, 0, 16);
	check(r.err == -EINVAL && r.msg[0], "a key with Predictor-1 refused: %d \"%s\"", r.err, r.msg);
	set_ccp_raw(s, &r, 42, 0, 0);
	check((r.err == -EINVAL || r.err == -ERANGE) && r.msg[0],
	      "method 42 refused: %d \"%s\"", r.err, r.msg);
	set_ccp(s, &r, true, "bsd16", false);
	check((r.err == -EINVAL || r.err == -ERANGE) && r.msg[0],
	      "BSD-Compress with 16-bit codes refused: %d \"%s\"", r.err, r.msg);
	set_ccp(s, &r, true, "deflate8", false);
	check((r.err == -EINVAL || r.err == -ERANGE) && r.msg[0],
	      "a Deflate window of 8 refused: %d \"%s\"", r.err, r.msg);
	set_ccp_raw(s, &r, NLPPP_CCP_DEFLATE, 0, 0);
	check(r.err == -EINVAL && r.msg[0], "Deflate without a window refused: %d \"%s\"",
	      r.err, r.msg);
	set_vj(s, &r, 300, 16, false);
	check((r.err == -EINVAL || r.err == -ERANGE) && r.msg[0], "300 VJ slots refused: %d \"%s\"",
	      r.err, r.msg);
	reply_reset(&r);
}

/*
 * Forge @n MPPE frames towards b (flushed, encrypted, coherency counts
 * @cc, @cc + 1024, ...: each a jump of 1024 or more from the last) with
 * junk for payload: a stateless receiver may rekey its way to the first,
 * then must drop the others for a while.
 */
static void inject_far(struct relay *r, int n, int cc)
{
	uint8_t f[32] = { 0xff, 0x03, 0x00, 0xfd }, out[128];
	size_t len;
	int i, j;

	for (i = 0; i < n; i++, cc = (cc + 1024) & 0xfff) {
		f[4] = (uint8_t)(0x90 | cc >> 8);
		f[5] = (uint8_t)cc;
		for (j = 6; j < 26; j++)
			f[j] = (uint8_t)(j * 37 + i);
		len = hdlc_ref(f, 26, 0xffffffff, out);
		pthread_mutex_lock(&r->b_lock);
		write_all(r->b, out, len);
		pthread_mutex_unlock(&r->b_lock);
	}
}

/*
 * Forge @n VJ Uncompressed-TCP frames (0x002f) towards b: a 20-byte IPv4
 * and a 20-byte TCP header, the IP protocol byte carrying slot 0. Sent in
 * the clear: a receiver that requires MPPE must drop them.
 */
static void inject_vj(struct relay *r, int n)
{
	uint8_t f[48] = { 0xff, 0x03, 0x00, 0x2f,
			  0x45, 0x00, 0x00, 0x28, 0x12, 0x34, 0x40, 0x00,
			  0x40, 0x00, 0x00, 0x00, 192, 0, 2, 1, 192, 0, 2, 2,
			  0x9c, 0x40, 0x13, 0x88, 0, 0, 0, 1, 0, 0, 0, 1,
			  0x50, 0x10, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00 };
	uint8_t out[128];
	size_t len;
	int i;

	for (i = 0; i < n; i++) {
		len = hdlc_ref(f, 44, 0xffffffff, out);
		pthread_mutex_lock(&r->b_lock);
		write_all(r->b, out, len);
		pthread_mutex_unlock(&r->b_lock);
	}
}

static struct side *pick(struct side *a, struct side *b, char w)
{
	return w == 'a' ? a : b;
}

static int compress_test(const char *ns_a, const char *ns_b)
{
	struct relay rl = { 0 };
	struct pty p1, p2;
	struct side a, b;
	int ev[2] = { 0, 0 };
	pthread_t th;
	char line[128];

	pty_open(&p1);
	pty_open(&p2);
	side_up(&a, ns_a, p1.slave);
	side_up(&b, ns_b, p2.slave);
	rl.a = p1.master;
	rl.b = p2.master;
	pthread_mutex_init(&rl.b_lock, NULL);
	if (pthread_create(&th, NULL, relay_run, &rl))
		die("pthread_create");
	comp_rejections(&a);
	printf("ready %s %s\n", a.ifname, b.ifname);
	while (fgets(line, sizeof(line), stdin)) {
		struct reply r = { 0 };
		char w, dir[8], spec[32], req[16] = "";
		int n, tx, rx;

		if (sscanf(line, "ccp %c %7s %31s %15s", &w, dir, spec, req) >= 3) {
			/* ccp a|b tx|rx SPEC [required] */
			set_ccp(pick(&a, &b, w), &r, !strcmp(dir, "tx"), spec, !strcmp(req, "required"));
			printf("ccp %s%s%s\n", r.err ? strerror(-r.err) : "ok", r.msg[0] ? ": " : "", r.msg);
		} else if (sscanf(line, "vj %c %d %d", &w, &tx, &rx) == 3) {
			set_vj(pick(&a, &b, w), &r, tx, rx, true);
			printf("vj %s\n", r.err ? strerror(-r.err) : "ok");
		} else if (sscanf(line, "reset %c %7s", &w, dir) == 2) {
			ccp_reset(pick(&a, &b, w), &r, !strcmp(dir, "tx"));
			printf("reset %s\n", r.err ? strerror(-r.err) : "ok");
		} else if (sscanf(line, "drop %d", &n) == 1) {
			rl.drop_ab = n;
			printf("drop ok\n");
		} else if (sscanf(line, "inject %d %d", &n, &tx) == 2) {
			inject_far(&rl, n, tx);
			printf("inject ok\n");
		} else if (sscanf(line, "injectvj %d", &n) == 1) {
			inject_vj(&rl, n);
			printf("injectvj ok\n");
		} else if (!strncmp(line, "dropped", 7)) {
			printf("dropped %d pending %d\n", rl.dropped, rl.drop_ab);
		} else if (sscanf(line, "stats %c", &w) == 1) {
			comp_stats(pick(&a, &b, w), w, &ev[w == 'b']);
		} else if (sscanf(line, "get %c", &w) == 1) {
			comp_get(pick(&a, &b, w), w);
		} else if (!strncmp(line, "quit", 4)) {
			reply_reset(&r);
			break;
		}
		reply_reset(&r);
		fflush(stdout);
	}
	rl.stop = true;
	pthread_join(th, NULL);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/*
 * nlppp_api_test link-mru N: claim a link on a fresh pty and ask LINK_SET
 * for MRU N; prints "accepted", or the error and extack message. Exit 0
 * accepted, 3 refused with ERANGE, 1 anything else (tests/vm/test_sysfs.sh:
 * the mru_max module parameter).
 */
static int link_mru(unsigned long mru)
{
	struct conn *c = conn_open(false);
	struct reply r = { 0 };
	struct nl_msg *m;
	struct pty p;
	uint32_t l;
	int ret;

	l = claimed_pty(c, &p);
	if (!l || mru > UINT16_MAX) {
		printf("no claimed link, or MRU out of u16\n");
		return 1;
	}
	m = msg_new(NLPPP_CMD_LINK_SET, 0);
	nla_put_u32(m, NLPPP_A_LINK_ID, l);
	nla_put_u16(m, NLPPP_A_MRU, mru);
	request(c, m, &r);
	if (!r.err)
		printf("accepted\n");
	else
		printf("refused: %s (%s)\n", strerror(-r.err), r.msg);
	ret = !r.err ? 0 : r.err == -ERANGE ? 3 : 1;
	reply_reset(&r);
	close(p.master);
	close(p.slave);
	conn_close(c);
	return ret;
}

int main(int argc, char **argv)
{
	const char *ld = getenv("NLPPP_LDISC");

	if (ld)
		ldisc_num = atoi(ld);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "api"))
		return test_api();
	if (argc >= 2 && !strcmp(argv[1], "hardening"))
		return test_hardening();
	if (argc >= 4 && !strcmp(argv[1], "hostile"))
		return hostile(argv[2], atol(argv[3]));
	if (argc >= 4 && !strcmp(argv[1], "datapath"))
		return datapath(argv[2], argv[3]);
	if (argc >= 4 && !strcmp(argv[1], "compress"))
		return compress_test(argv[2], argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "link-mru"))
		return link_mru(strtoul(argv[2], NULL, 0));
	fprintf(stderr, "usage: %s api | hardening | datapath NETNS_A NETNS_B | compress NETNS_A NETNS_B | link-mru N\n",
		argv[0]);
	return 2;
}
