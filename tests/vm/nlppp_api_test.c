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
 * The HDLC encoder/FCS here are deliberately naive (bit at a time): an
 * independent judge of the module's libppp fast paths.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

static struct conn *conn_open(bool events)
{
	struct conn *c = calloc(1, sizeof(*c));
	int one = 1, fd;

	if (!c)
		die("calloc");
	c->sk = nl_socket_alloc();
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
	struct nl_msg *m = msg_new(NLPPP_CMD_FRAME, 0);

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
	if (set_ldisc(tty, ldisc_num))
		die("TIOCSETD");
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

int main(int argc, char **argv)
{
	const char *ld = getenv("NLPPP_LDISC");

	if (ld)
		ldisc_num = atoi(ld);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "api"))
		return test_api();
	if (argc >= 4 && !strcmp(argv[1], "datapath"))
		return datapath(argv[2], argv[3]);
	fprintf(stderr, "usage: %s api | datapath NETNS_A NETNS_B\n", argv[0]);
	return 2;
}
