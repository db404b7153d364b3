// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket server. Each client has a bounded input line and a
 * bounded output queue, and is only ever read or written when epoll says
 * so: a client that sends garbage gets an error, one that does not read
 * is disconnected (or, as a monitor, loses events and is told how many),
 * and none of them can make the daemon wait.
 *
 * A client is never freed while the loop may still hold its nl_io in the
 * current epoll batch: killing one closes it and parks it on a list that
 * a zero-delay timer frees on the loop's next turn.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "event.h"
#include "log.h"

struct nl_ctl_client {
	struct nl_ctl *ctl;
	struct nl_io io;
	int fd;
	bool monitor;	/* acknowledged `monitor`: events only from now on */
	bool closing;	/* flush what is queued, then close */
	bool dead;
	unsigned long dropped;	/* events lost to a full queue, not yet reported */
	size_t inlen;
	char in[NL_CTL_MAX_REQUEST + 1];
	char *out;
	size_t outoff, outlen, outcap;
	struct nl_ctl_client *next_dead;
};

struct nl_ctl {
	struct nl_loop *loop;
	struct nl_io io;
	int fd;
	const struct nl_ctl_handler *h;
	void *ctx;
	struct nl_ctl_client *clients[NL_CTL_MAX_CLIENTS];
	unsigned int nclients;
	struct nl_ctl_client *dead;
	struct nl_timer reap;
	struct nl_timer resume;	/* listening again after running out of descriptors */
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
};

static const char *to_line(struct json_object *obj)
{
	return json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
}

static struct json_object *error_reply(const char *msg)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(0));
	json_object_object_add(o, "error", json_object_new_string(msg));
	return o;
}

/* --- client lifetime --- */

static void reap_dead(void *arg)
{
	struct nl_ctl *ctl = arg;

	while (ctl->dead) {
		struct nl_ctl_client *c = ctl->dead;

		ctl->dead = c->next_dead;
		free(c->out);
		free(c);
	}
}

static void client_kill(struct nl_ctl_client *c)
{
	struct nl_ctl *ctl = c->ctl;
	unsigned int i;

	if (c->dead)
		return;
	c->dead = true;
	nl_io_del(ctl->loop, &c->io);
	close(c->fd);
	for (i = 0; i < ctl->nclients; i++) {
		if (ctl->clients[i] == c) {
			ctl->clients[i] = ctl->clients[--ctl->nclients];
			break;
		}
	}
	c->next_dead = ctl->dead;
	ctl->dead = c;
	nl_timer_arm(ctl->loop, &ctl->reap, 0);
}

/* --- output queue --- */

static size_t pending(const struct nl_ctl_client *c)
{
	return c->outlen - c->outoff;
}

/*
 * Append @s and a newline. A reply larger than the whole queue still goes
 * out on an empty queue (its size is the daemon's, not the client's doing).
 */
static int client_queue(struct nl_ctl_client *c, const char *s, size_t len)
{
	if (pending(c) && pending(c) + len + 1 > NL_CTL_MAX_QUEUE)
		return -ENOBUFS;
	if (c->outoff) {
		memmove(c->out, c->out + c->outoff, pending(c));
		c->outlen -= c->outoff;
		c->outoff = 0;
	}
	if (c->outlen + len + 1 > c->outcap) {
		size_t cap = c->outcap ? c->outcap : 4096;
		char *p;

		while (cap < c->outlen + len + 1)
			cap *= 2;
		p = realloc(c->out, cap);
		if (!p)
			return -ENOMEM;
		c->out = p;
		c->outcap = cap;
	}
	memcpy(c->out + c->outlen, s, len);
	c->out[c->outlen + len] = '\n';
	c->outlen += len + 1;
	return 0;
}

static double wall_time(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Tell a monitor how many events it missed, once there is room again. */
static void report_dropped(struct nl_ctl_client *c)
{
	struct json_object *ev;
	const char *s;

	if (!c->dropped || pending(c) > NL_CTL_MAX_QUEUE / 2)
		return;
	ev = json_object_new_object();
	json_object_object_add(ev, "event", json_object_new_string("dropped"));
	json_object_object_add(ev, "count", json_object_new_uint64(c->dropped));
	json_object_object_add(ev, "time", json_object_new_double(wall_time()));
	s = to_line(ev);
	if (!client_queue(c, s, strlen(s)))
		c->dropped = 0;
	json_object_put(ev);
}

static void client_watch(struct nl_ctl_client *c)
{
	uint32_t ev = (c->closing ? 0 : EPOLLIN) | (pending(c) ? EPOLLOUT : 0);

	if (nl_io_mod(c->ctl->loop, &c->io, ev))
		client_kill(c);
}

/* Send what the socket takes now: 0, or -1 if the client is gone. */
static int client_write(struct nl_ctl_client *c)
{
	while (pending(c)) {
		ssize_t n = send(c->fd, c->out + c->outoff, pending(c),
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			client_kill(c);
			return -1;
		}
		c->outoff += n;
	}
	if (!pending(c))
		c->outoff = c->outlen = 0;
	return 0;
}

static void client_flush(struct nl_ctl_client *c)
{
	if (client_write(c))
		return;
	if (c->monitor)
		report_dropped(c);
	if (c->closing && !pending(c)) {
		client_kill(c);
		return;
	}
	client_watch(c);
}

/* A reply to a request; a client that does not read its replies is dropped. */
static void client_send(struct nl_ctl_client *c, struct json_object *obj)
{
	const char *s = to_line(obj);

	if (client_queue(c, s, strlen(s))) {
		nl_warn("control: client not reading its replies, disconnected");
		client_kill(c);
	}
	json_object_put(obj);
}

/* --- requests --- */

/* Handler errors go out as one line whatever the handler wrote. */
static void one_line(char *s, size_t sz, const char *fallback)
{
	char *p;

	if (!*s)
		snprintf(s, sz, "%s", fallback);
	for (p = s; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
}

static struct json_object *reply(struct json_object *result, char *err, size_t errsz)
{
	struct json_object *o;

	if (!result) {
		one_line(err, errsz, "internal error");
		return error_reply(err);
	}
	o = json_object_new_object();
	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_object_object_add(o, "result", result);
	return o;
}

static struct json_object *run_action(struct nl_ctl *ctl, const struct nl_ctl_req *req,
				      char *err, size_t errsz)
{
	static const char *const names[] = {
		[NL_CTL_DOWN] = "down", [NL_CTL_CLOSE] = "close", [NL_CTL_DEBUG] = "debug",
	};
	char done[64];

	if (!ctl->h->action) {
		snprintf(err, errsz, "not supported");
		return NULL;
	}
	if (ctl->h->action(ctl->ctx, req->ifname, names[req->cmd], req->on, err, errsz))
		return NULL;
	if (req->cmd == NL_CTL_DEBUG)
		snprintf(done, sizeof(done), "debug %s", req->on ? "on" : "off");
	else
		snprintf(done, sizeof(done), "%s", req->cmd == NL_CTL_DOWN ?
			 "down requested" : "closing");
	return json_object_new_string(done);
}

static struct json_object *run_request(struct nl_ctl_client *c, const struct nl_ctl_req *req)
{
	struct nl_ctl *ctl = c->ctl;
	const struct nl_ctl_handler *h = ctl->h;
	struct json_object *result = NULL;
	char err[256] = "";

	switch (req->cmd) {
	case NL_CTL_LIST:
		result = h->list ? h->list(ctl->ctx) : NULL;
		break;
	case NL_CTL_SHOW:
		if (h->show)
			result = h->show(ctl->ctx, req->ifname,
					 req->section[0] ? req->section : NULL, err, sizeof(err));
		if (!result && !err[0])
			snprintf(err, sizeof(err), NL_CTL_ENOIF ": %s", req->ifname);
		break;
	case NL_CTL_DOWN:
	case NL_CTL_CLOSE:
	case NL_CTL_DEBUG:
		result = run_action(ctl, req, err, sizeof(err));
		break;
	case NL_CTL_METRICS:
		result = h->metrics ? h->metrics(ctl->ctx) : NULL;
		break;
	case NL_CTL_MONITOR:
		c->monitor = true;
		result = json_object_new_string("monitoring");
		break;
	}
	return reply(result, err, sizeof(err));
}

static void client_line(struct nl_ctl_client *c, const char *line, size_t len)
{
	struct nl_ctl_req req;
	char err[256];

	if (nl_ctl_parse_request(line, len, &req, err, sizeof(err)))
		client_send(c, error_reply(err));
	else
		client_send(c, run_request(c, &req));
	/* A client that pipelines requests and reads its replies stays within bounds. */
	if (!c->dead)
		client_write(c);
}

static void client_lines(struct nl_ctl_client *c)
{
	char *nl;

	while (!c->dead && (nl = memchr(c->in, '\n', c->inlen))) {
		size_t len = nl - c->in;

		/* After `monitor` the connection only carries events. */
		if (!c->monitor)
			client_line(c, c->in, len);
		c->inlen -= len + 1;
		memmove(c->in, nl + 1, c->inlen);
	}
	if (c->monitor)
		c->inlen = 0;
}

static void client_read(struct nl_ctl_client *c)
{
	ssize_t n = read(c->fd, c->in + c->inlen, sizeof(c->in) - c->inlen);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			client_kill(c);
		return;
	}
	c->inlen += n;
	client_lines(c);
	if (c->dead)
		return;
	if (n == 0) {
		/* A last request without its newline still counts (`printf ... | socat`). */
		if (c->inlen && !c->monitor)
			client_line(c, c->in, c->inlen);
		c->inlen = 0;
		c->closing = true;
	} else if (c->inlen == sizeof(c->in)) {
		char err[64];

		snprintf(err, sizeof(err), "request too long (max %d bytes)", NL_CTL_MAX_REQUEST);
		client_send(c, error_reply(err));
		c->inlen = 0;
		c->closing = true;
	}
}

static void client_ready(void *arg, uint32_t events)
{
	struct nl_ctl_client *c = arg;

	if (!c->closing && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		client_read(c);
	if (!c->dead)
		client_flush(c);
}

/* --- accepting --- */

/* Best effort on a fresh socket, whose send buffer is empty. */
static void refuse(int fd, const char *msg)
{
	struct json_object *o = error_reply(msg);
	const char *s = to_line(o);
	char line[512];
	int n = snprintf(line, sizeof(line), "%s\n", s);

	if (send(fd, line, n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		nl_dbg("control: refusing a client: %s", strerror(errno));
	json_object_put(o);
	close(fd);
}

static bool peer_is_root(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	return !getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) && cred.uid == 0;
}

static void client_new(struct nl_ctl *ctl, int fd)
{
	struct nl_ctl_client *c;

	if (!peer_is_root(fd)) {
		refuse(fd, "permission denied: root only");
		return;
	}
	if (ctl->nclients == NL_CTL_MAX_CLIENTS) {
		nl_warn("control: %d clients already, refusing another", NL_CTL_MAX_CLIENTS);
		refuse(fd, "too many clients (max 64)");
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		refuse(fd, "out of memory");
		return;
	}
	c->ctl = ctl;
	c->fd = fd;
	if (nl_io_add(ctl->loop, &c->io, fd, EPOLLIN, client_ready, c)) {
		refuse(fd, "internal error");
		free(c);
		return;
	}
	ctl->clients[ctl->nclients++] = c;
}

static void ctl_accept(void *arg, uint32_t events)
{
	struct nl_ctl *ctl = arg;
	int fd;

	for (;;) {
		fd = accept4(ctl->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			break;
		client_new(ctl, fd);
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED)
		return;
	/*
	 * Out of descriptors (or worse): the connection stays pending and
	 * epoll would report it at once again, so pause for a second.
	 */
	nl_warn("control: accept on %s: %s; pausing for 1 s", ctl->path, strerror(errno));
	if (nl_io_mod(ctl->loop, &ctl->io, 0) == 0)
		nl_timer_arm(ctl->loop, &ctl->resume, 1000);
}

static void ctl_resume(void *arg)
{
	struct nl_ctl *ctl = arg;

	if (nl_io_mod(ctl->loop, &ctl->io, EPOLLIN))
		nl_warn("control: %s: cannot listen again", ctl->path);
}

/* --- the listening socket --- */

static int make_parent(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = 0;
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Remove @path if it is a socket nobody listens on. */
static int remove_stale(const struct sockaddr_un *sa)
{
	struct stat st;
	int fd, r;

	if (lstat(sa->sun_path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	r = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) ? -errno : 0;
	close(fd);
	if (!r)
		return -EADDRINUSE;
	if (r != -ECONNREFUSED)
		return r;
	return unlink(sa->sun_path) && errno != ENOENT ? -errno : 0;
}

static int listen_on(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	mode_t old;
	int fd, r;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	r = make_parent(path);
	if (r)
		return r;
	r = remove_stale(&sa);
	if (r)
		return r;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* The mode is set at bind; never let the socket exist more open than 0600. */
	old = umask(0177);
	r = bind(fd, (const struct sockaddr *)&sa, sizeof(sa)) ? -errno : 0;
	umask(old);
	if (r)
		goto err_close;
	if (chmod(path, 0600) || listen(fd, NL_CTL_MAX_CLIENTS)) {
		r = -errno;
		unlink(path);
		goto err_close;
	}
	return fd;
err_close:
	close(fd);
	return r;
}

int nl_ctl_open(struct nl_ctl **ctlp, struct nl_loop *loop, const char *path,
		const struct nl_ctl_handler *h, void *ctx)
{
	struct nl_ctl *ctl;
	int r;

	*ctlp = NULL;
	ctl = calloc(1, sizeof(*ctl));
	if (!ctl)
		return -ENOMEM;
	ctl->fd = listen_on(path);
	if (ctl->fd < 0) {
		r = ctl->fd;
		goto err_free;
	}
	snprintf(ctl->path, sizeof(ctl->path), "%s", path);
	ctl->loop = loop;
	ctl->h = h;
	ctl->ctx = ctx;
	nl_timer_init(&ctl->reap, reap_dead, ctl);
	nl_timer_init(&ctl->resume, ctl_resume, ctl);
	r = nl_io_add(loop, &ctl->io, ctl->fd, EPOLLIN, ctl_accept, ctl);
	if (r)
		goto err_unlink;
	*ctlp = ctl;
	return 0;
err_unlink:
	unlink(ctl->path);
	close(ctl->fd);
err_free:
	free(ctl);
	return r;
}

void nl_ctl_close(struct nl_ctl *ctl)
{
	if (!ctl)
		return;
	while (ctl->nclients)
		client_kill(ctl->clients[0]);
	nl_timer_cancel(ctl->loop, &ctl->reap);
	nl_timer_cancel(ctl->loop, &ctl->resume);
	reap_dead(ctl);
	nl_io_del(ctl->loop, &ctl->io);
	close(ctl->fd);
	unlink(ctl->path);
	free(ctl);
}

void nl_ctl_event(struct nl_ctl *ctl, struct json_object *ev)
{
	const char *s;
	size_t len;
	unsigned int i;

	if (!ctl || !json_object_is_type(ev, json_type_object)) {
		json_object_put(ev);
		return;
	}
	json_object_object_add(ev, "time", json_object_new_double(wall_time()));
	s = to_line(ev);
	len = strlen(s);
	/* Backwards: a client killed here is replaced by one already seen. */
	for (i = ctl->nclients; i-- > 0;) {
		struct nl_ctl_client *c = ctl->clients[i];

		if (!c->monitor || c->closing)
			continue;
		report_dropped(c);
		if (c->dropped || client_queue(c, s, len))
			c->dropped++;
		else
			client_watch(c);	/* written when epoll says it can be */
	}
	json_object_put(ev);
}
