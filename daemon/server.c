// SPDX-License-Identifier: GPL-2.0
/*
 * The PPP-over-TCP server. Each accepted connection becomes a link and a
 * bundle built from the same options; everything runs in this process's
 * one event loop. Accepting is bounded per turn; the address pool is a
 * bitmap searched from a moving cursor, the per-source counts an
 * open-addressed table: no work that grows with the number of sessions
 * happens per packet or per timer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "event.h"
#include "log.h"
#include "pppoe/ac.h"
#include "registry.h"
#include "server.h"
#include "transport/internal.h"

enum {
	ACCEPT_BATCH = 64,	/* connections accepted per event-loop turn */
	POOL_MAX = 1 << 22,	/* addresses a pool may hold */
};

struct src_count {
	uint32_t key;		/* hash of the peer address; 0 = empty */
	uint32_t count;
};

struct nl_server {
	struct nl_registry *reg;
	struct nl_config cfg;	/* the options every session runs with */
	int lfd;
	struct nl_io lio;
	unsigned int nsessions;
	bool shutting_down;
	uint64_t *pool;		/* bit set = address in use */
	uint32_t pool_size, pool_cursor;
	struct src_count *src;
	uint32_t src_cap;	/* power of two */
	struct nl_pppoe_acs *pppoe;	/* `listen pppoe:IF` */
};

/* What the server keeps per session (the bundle's owner context). */
struct srv_sess {
	struct nl_server *srv;
	uint32_t src_key;
	uint32_t pool_index;	/* UINT32_MAX = none */
};

int nl_pool_parse(const char *s, uint32_t *first, uint32_t *last)
{
	char buf[64], *sep;
	struct in_addr a, b;
	char *end;
	long n;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	if ((sep = strchr(buf, '/'))) {
		*sep++ = 0;
		n = strtol(sep, &end, 10);
		if (*end || end == sep || n < 8 || n > 32 || inet_pton(AF_INET, buf, &a) != 1)
			return -EINVAL;
		uint32_t mask = n == 32 ? 0xffffffffu : ~(0xffffffffu >> n);
		*first = ntohl(a.s_addr) & mask;
		*last = *first | ~mask;
		if (n <= 30) {	/* not the network or broadcast address */
			(*first)++;
			(*last)--;
		}
	} else if ((sep = strchr(buf, '-'))) {
		*sep++ = 0;
		if (inet_pton(AF_INET, buf, &a) != 1 || inet_pton(AF_INET, sep, &b) != 1)
			return -EINVAL;
		*first = ntohl(a.s_addr);
		*last = ntohl(b.s_addr);
	} else {
		return -EINVAL;
	}
	if (*first > *last || *last - *first >= POOL_MAX)
		return -ERANGE;
	return 0;
}

/* --- the pool ----------------------------------------------------------------- */

static uint32_t pool_take(struct nl_server *s)
{
	uint32_t i, n = s->pool_size, local = ntohl(s->cfg.local_ip.s_addr);

	for (i = 0; i < n; i++) {
		uint32_t k = (s->pool_cursor + i) % n;

		if (s->pool[k / 64] == ~0ull) {	/* a full word: skip it */
			i += 63 - k % 64;
			continue;
		}
		if (s->pool[k / 64] & (1ull << (k % 64)))
			continue;
		if (s->cfg.pool_first + k == local)
			continue;
		s->pool[k / 64] |= 1ull << (k % 64);
		s->pool_cursor = (k + 1) % n;
		return k;
	}
	return UINT32_MAX;
}

static void pool_put(struct nl_server *s, uint32_t k)
{
	if (k < s->pool_size)
		s->pool[k / 64] &= ~(1ull << (k % 64));
}

/* --- per-source counts -------------------------------------------------------- */

static uint32_t addr_key(const struct sockaddr_storage *ss)
{
	const uint8_t *p;
	size_t n, i;
	uint32_t h = 2166136261u;

	if (ss->ss_family == AF_INET) {
		p = (const uint8_t *)&((const struct sockaddr_in *)ss)->sin_addr;
		n = 4;
	} else {
		p = (const uint8_t *)&((const struct sockaddr_in6 *)ss)->sin6_addr;
		n = 16;
	}
	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h ? h : 1;
}

static struct src_count *src_slot(struct nl_server *s, uint32_t key, bool create)
{
	uint32_t i, mask = s->src_cap - 1;

	for (i = key & mask;; i = (i + 1) & mask) {
		if (s->src[i].key == key)
			return &s->src[i];
		if (!s->src[i].key) {
			if (!create)
				return NULL;
			s->src[i].key = key;
			return &s->src[i];
		}
	}
}

static void src_release(struct nl_server *s, uint32_t key)
{
	struct src_count *c = src_slot(s, key, false);
	uint32_t mask = s->src_cap - 1, i, j;

	if (!c || --c->count)
		return;
	/* Delete from the linear-probe table, re-homing what follows. */
	i = c - s->src;
	s->src[i].key = 0;
	for (j = (i + 1) & mask; s->src[j].key; j = (j + 1) & mask) {
		struct src_count e = s->src[j];

		s->src[j].key = 0;
		*src_slot(s, e.key, true) = e;
	}
}

/* --- sessions ----------------------------------------------------------------- */

static void session_dead(struct nl_bundle *b)
{
	struct srv_sess *ss = b->owner_ctx;
	struct nl_server *s = ss->srv;

	if (ss->pool_index != UINT32_MAX)
		pool_put(s, ss->pool_index);
	if (ss->src_key)
		src_release(s, ss->src_key);
	free(ss);
	nl_bundle_free(b);
	s->nsessions--;
	if (s->shutting_down && !s->nsessions)
		nl_loop_stop(s->reg->loop);
}

static const struct nl_bundle_owner session_owner = {
	.dead = session_dead,
};

static const char *peer_str(const struct sockaddr_storage *ss, char *buf, size_t sz)
{
	char host[INET6_ADDRSTRLEN];
	int port;

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)ss;

		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		port = ntohs(in->sin_port);
		snprintf(buf, sz, "tcp:%s:%d", host, port);
	} else {
		const struct sockaddr_in6 *in6 = (const void *)ss;

		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		port = ntohs(in6->sin6_port);
		snprintf(buf, sz, "tcp:[%s]:%d", host, port);
	}
	return buf;
}

/* May one more session start for a peer with @key? Logs why not. */
bool nl_server_admit(struct nl_server *s, uint32_t key, const char *name)
{
	struct src_count *c;

	if (s->shutting_down)
		return false;
	if (s->cfg.max_sessions && s->nsessions >= s->cfg.max_sessions) {
		nl_warn("refusing %s: max-sessions %u reached", name, s->cfg.max_sessions);
		return false;
	}
	c = src_slot(s, key ? key : 1, false);
	if (s->cfg.max_per_source && c && c->count >= s->cfg.max_per_source) {
		nl_warn("refusing %s: max-sessions-per-source %u reached", name,
			s->cfg.max_per_source);
		return false;
	}
	return true;
}

int nl_server_start(struct nl_server *s, struct nl_transport *tr, const char *name, uint32_t key)
{
	struct srv_sess *sess;
	struct nl_link *l = NULL;
	struct nl_bundle *b = NULL;

	key = key ? key : 1;
	if (!nl_server_admit(s, key, name))
		goto err_tr;
	sess = calloc(1, sizeof(*sess));
	if (!sess)
		goto err_tr;
	sess->srv = s;
	sess->pool_index = UINT32_MAX;
	if (s->pool) {
		sess->pool_index = pool_take(s);
		if (sess->pool_index == UINT32_MAX) {
			nl_warn("refusing %s: remote-ip-pool %s exhausted", name,
				"(all addresses in use)");
			free(sess);
			goto err_tr;
		}
	}
	if (nl_link_new(&l, s->reg->loop, &s->cfg, tr) < 0 ||
	    nl_bundle_new(&b, s->reg, &s->cfg, &session_owner, sess) < 0)
		goto err;
	if (sess->pool_index != UINT32_MAX)
		b->pool_remote = s->cfg.pool_first + sess->pool_index;
	if (nl_bundle_start(b, l) < 0)
		goto err;
	sess->src_key = key;
	src_slot(s, key, true)->count++;
	s->nsessions++;
	return 0;

err:
	nl_link_free(l);
	nl_transport_close(tr);
	nl_bundle_free(b);
	if (sess->pool_index != UINT32_MAX)
		pool_put(s, sess->pool_index);
	free(sess);
	return -EIO;
err_tr:
	nl_transport_close(tr);
	return -EBUSY;
}

static void start_session(struct nl_server *s, int fd, const struct sockaddr_storage *ss)
{
	struct nl_transport tr;
	char name[80];

	peer_str(ss, name, sizeof(name));
	nl_transport_from_socket(&tr, fd, name);
	nl_server_start(s, &tr, name, addr_key(ss));
}

static void accept_fn(void *ctx, uint32_t events)
{
	struct nl_server *s = ctx;
	int i;

	for (i = 0; i < ACCEPT_BATCH; i++) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		int fd = accept4(s->lfd, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC | SOCK_NONBLOCK);

		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
				nl_warn("listen: accept: %s", strerror(errno));
			return;
		}
		start_session(s, fd, &ss);
	}
}

/* The source-count table never fills: twice the sessions it may hold. */
static uint32_t src_capacity(const struct nl_config *c)
{
	uint32_t cap = 1024, want = c->max_sessions ? c->max_sessions * 2 : 1 << 17;

	while (cap < want)
		cap <<= 1;
	return cap;
}

static int listen_socket(const char *spec)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE }, *res;
	char host[256] = "", port[32];
	int fd, one = 1, err;

	if (strchr(spec, ':')) {
		if (nl_split_hostport(spec, host, sizeof(host), port, sizeof(port)) < 0) {
			nl_err("listen %s: give [ADDR:]PORT", spec);
			return -EINVAL;
		}
	} else {
		snprintf(port, sizeof(port), "%s", spec);
	}
	err = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
	if (err) {
		nl_err("listen %s: %s", spec, gai_strerror(err));
		return -EINVAL;
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, 1024) < 0) {
		err = -errno;
		nl_err("listen %s: %s", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return err;
	}
	freeaddrinfo(res);
	return fd;
}

/* Each session holds a socket and, on the user plane, a TUN fd. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			nl_warn("listen: cannot raise the open file limit: %s", strerror(errno));
	}
}

int nl_server_open(struct nl_server **sp, struct nl_registry *reg,
		   const struct nl_config *cfg)
{
	struct nl_server *s = calloc(1, sizeof(*s));
	int err = -ENOMEM;

	*sp = NULL;
	if (!s)
		return -ENOMEM;
	s->reg = reg;
	s->cfg = *cfg;
	/* Every session gets the first free pppN, and no redialing. */
	s->cfg.ifname[0] = 0;
	s->cfg.unit = -1;
	s->cfg.persist = false;
	s->lio.fd = -1;
	s->src_cap = src_capacity(cfg);
	s->src = calloc(s->src_cap, sizeof(*s->src));
	if (!s->src)
		goto err;
	if (cfg->pool_first) {
		s->pool_size = cfg->pool_last - cfg->pool_first + 1;
		s->pool = calloc((s->pool_size + 63) / 64, sizeof(uint64_t));
		if (!s->pool)
			goto err;
	}
	raise_fd_limit();
	if (cfg->pppoe.nlisten) {
		s->lfd = -1;
		err = nl_pppoe_acs_open(&s->pppoe, s, reg->loop, &s->cfg);
		if (err < 0)
			goto err;
		*sp = s;
		return 0;
	}
	s->lfd = listen_socket(cfg->listen);
	if (s->lfd < 0) {
		err = s->lfd;
		goto err;
	}
	err = nl_io_add(reg->loop, &s->lio, s->lfd, EPOLLIN, accept_fn, s);
	if (err < 0)
		goto err_close;
	nl_notice("listening for PPP over TCP on %s", cfg->listen);
	*sp = s;
	return 0;

err_close:
	close(s->lfd);
err:
	free(s->pool);
	free(s->src);
	free(s);
	return err;
}

void nl_server_shutdown(struct nl_server *s)
{
	struct nl_bundle *b, *next;

	s->shutting_down = true;
	if (s->lio.fd >= 0 && s->lfd >= 0)
		nl_io_del(s->reg->loop, &s->lio);
	if (s->lfd >= 0)
		close(s->lfd);
	s->lfd = -1;
	if (!s->nsessions) {
		nl_loop_stop(s->reg->loop);
		return;
	}
	for (b = s->reg->bundles; b; b = next) {
		next = b->next;
		nl_bundle_close(b, "User request", NL_EXIT_USER_REQUEST);
	}
}

void nl_server_hangup_all(struct nl_server *s)
{
	struct nl_bundle *b, *next;

	for (b = s->reg->bundles; b; b = next) {
		next = b->next;
		nl_bundle_hangup(b);
	}
}

bool nl_server_closing(const struct nl_server *s)
{
	return s->shutting_down;
}

int nl_server_status(const struct nl_server *s)
{
	return s->shutting_down ? NL_EXIT_USER_REQUEST : NL_EXIT_OK;
}

void nl_server_close(struct nl_server *s)
{
	if (!s)
		return;
	while (s->reg->bundles) {
		struct nl_bundle *b = s->reg->bundles;

		free(b->owner_ctx);
		nl_registry_remove(s->reg, b);
		nl_bundle_free(b);
	}
	nl_pppoe_acs_close(s->pppoe);
	if (s->lio.fd >= 0 && s->lfd >= 0)
		nl_io_del(s->reg->loop, &s->lio);
	if (s->lfd >= 0)
		close(s->lfd);
	free(s->pool);
	free(s->src);
	free(s);
}

struct nl_registry *nl_server_registry(struct nl_server *s)
{
	return s->reg;
}
