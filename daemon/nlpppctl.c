// SPDX-License-Identifier: GPL-2.0
/*
 * nlpppctl: ask running nlpppd daemons about their links over their
 * control sockets (docs/nlpppctl.8). Each daemon runs one bundle or a
 * few, so most commands ask every daemon found under <run-dir>/nlpppd/.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_format.h"

enum { EXIT_USAGE = 2, MAX_REPLY = 64 << 20 };

struct opts {
	bool json;
	const char *socket;
	const char *run_dir;
	int timeout_ms;
};

struct daemon {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	long pid;	/* from "<pid>.sock", 0 if the name is not a number */
};

/* One connection's bytes in, cut into lines. */
struct reader {
	int fd;
	char *buf;
	size_t len, cap;
};

static void err_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void err_line(const char *fmt, ...)
{
	va_list ap;

	fputs("nlpppctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const char *json_out(struct json_object *o, bool pretty)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE |
					      (pretty ? JSON_C_TO_STRING_PRETTY |
					       JSON_C_TO_STRING_SPACED : JSON_C_TO_STRING_PLAIN));
}

/* --- finding daemons --- */

static long pid_of(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *end;
	long pid = strtol(base, &end, 10);

	return end != base && !strcmp(end, ".sock") && pid > 0 ? pid : 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct daemon *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid ? 1 : strcmp(x->path, y->path);
}

static int scan_dir(const char *dir, struct daemon **out, size_t *n)
{
	struct daemon *d = NULL;
	struct dirent *e;
	DIR *dp = opendir(dir);
	size_t cap = 0;

	*n = 0;
	if (!dp)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".sock"))
			continue;
		if (*n == cap) {
			struct daemon *p = realloc(d, (cap = cap ? 2 * cap : 8) * sizeof(*d));

			if (!p)
				break;
			d = p;
		}
		if (snprintf(d[*n].path, sizeof(d[*n].path), "%s/%s", dir, e->d_name) >=
		    (int)sizeof(d[*n].path))
			continue;
		d[*n].pid = pid_of(d[*n].path);
		(*n)++;
	}
	closedir(dp);
	qsort(d, *n, sizeof(*d), by_pid);
	*out = d;
	return 0;
}

/* Every daemon's socket, or the one named by --socket. 0 or 1 (reported). */
static int find_daemons(const struct opts *o, struct daemon **out, size_t *n)
{
	char dir[4096];
	int r;

	*out = NULL;
	*n = 0;
	if (o->socket) {
		*out = calloc(1, sizeof(**out));
		if (!*out || strlen(o->socket) >= sizeof((*out)->path)) {
			err_line("%s: socket path too long", o->socket);
			return 1;
		}
		strcpy((*out)->path, o->socket);
		(*out)->pid = pid_of(o->socket);
		*n = 1;
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/nlpppd", o->run_dir);
	r = scan_dir(dir, out, n);
	if (r == -EACCES || r == -EPERM) {
		err_line("%s: permission denied: must be run as root", dir);
		return 1;
	}
	if (r) {
		err_line("%s: %s", dir, strerror(-r));
		return 1;
	}
	return 0;
}

/* --- talking to one daemon --- */

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Gone since the scan, or left behind by a daemon that died: skipped. */
static bool stale(int r)
{
	return r == -ECONNREFUSED || r == -ENOENT;
}

/* A connected socket or -errno. */
static int ctl_connect(const struct daemon *d, int timeout_ms)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { timeout_ms / 1000, timeout_ms % 1000 * 1000 };
	int fd, r;

	strcpy(sa.sun_path, d->path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* connect() and send() on a Unix socket honour the send timeout. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		r = -errno;
		close(fd);
		return r;
	}
	return fd;
}

static int send_request(int fd, struct json_object *req)
{
	char line[NL_CTL_MAX_REQUEST + 2];
	int n = snprintf(line, sizeof(line), "%s\n", json_out(req, false));
	ssize_t w;

	if (n >= (int)sizeof(line))
		return -E2BIG;
	w = send(fd, line, n, MSG_NOSIGNAL);
	if (w < 0)
		return errno == EAGAIN ? -ETIMEDOUT : -errno;
	return w == n ? 0 : -EIO;
}

/* Read once into @r: 1 got bytes, 0 end of stream, -errno. */
static int reader_fill(struct reader *r)
{
	ssize_t n;

	if (r->len == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 65536;
		char *p;

		if (cap > MAX_REPLY)
			return -EMSGSIZE;
		p = realloc(r->buf, cap);
		if (!p)
			return -ENOMEM;
		r->buf = p;
		r->cap = cap;
	}
	n = read(r->fd, r->buf + r->len, r->cap - r->len);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -errno;
	r->len += n;
	return n > 0;
}

/* The next complete line as a JSON object (NULL if none yet); -EPROTO if it is not one. */
static int reader_take(struct reader *r, struct json_object **obj)
{
	char *nl = r->len ? memchr(r->buf, '\n', r->len) : NULL;
	size_t n;

	*obj = NULL;
	if (!nl)
		return 0;
	n = nl - r->buf;
	*nl = 0;
	*obj = json_tokener_parse(r->buf);
	r->len -= n + 1;
	memmove(r->buf, nl + 1, r->len);
	if (!*obj || !json_object_is_type(*obj, json_type_object)) {
		json_object_put(*obj);
		*obj = NULL;
		return -EPROTO;
	}
	return 1;
}

/* Wait up to @deadline for one reply line. */
static int read_reply(struct reader *r, int64_t deadline, struct json_object **reply)
{
	int ret;

	while (!(ret = reader_take(r, reply))) {
		struct pollfd p = { .fd = r->fd, .events = POLLIN };
		int64_t left = deadline - now_ms();

		if (left <= 0 || poll(&p, 1, (int)left) == 0)
			return -ETIMEDOUT;
		ret = reader_fill(r);
		if (ret < 0)
			return ret;
		if (ret == 0)
			return -ECONNRESET;
	}
	return ret < 0 ? ret : 0;
}

/* Split {"ok":..} into 0 + @result, or -EREMOTE with the daemon's @err. */
static int unwrap(struct json_object *reply, struct json_object **result, char *err, size_t errsz)
{
	struct json_object *ok, *v;

	if (!json_object_object_get_ex(reply, "ok", &ok) ||
	    !json_object_is_type(ok, json_type_boolean)) {
		snprintf(err, errsz, "malformed reply");
		return -EPROTO;
	}
	if (!json_object_get_boolean(ok)) {
		snprintf(err, errsz, "%s", json_object_object_get_ex(reply, "error", &v) &&
			 json_object_is_type(v, json_type_string) ?
			 json_object_get_string(v) : "error");
		return -EREMOTE;
	}
	json_object_object_get_ex(reply, "result", &v);
	*result = json_object_get(v);
	return 0;
}

static void errno_text(int r, char *err, size_t errsz)
{
	if (r == -EACCES || r == -EPERM)
		snprintf(err, errsz, "permission denied: must be run as root");
	else if (r == -ETIMEDOUT)
		snprintf(err, errsz, "no reply (timeout)");
	else if (r == -ECONNREFUSED)
		snprintf(err, errsz, "connection refused (a stale socket: no nlpppd listens there)");
	else if (r == -EPROTO)
		snprintf(err, errsz, "malformed reply");
	else
		snprintf(err, errsz, "%s", strerror(-r));
}

/*
 * One request, one reply. 0 with @result (owned by the caller), stale()
 * for a stale socket, -EREMOTE with the daemon's error, or -errno; @err says.
 */
static int ask(const struct opts *o, const struct daemon *d, struct json_object *req,
	       struct json_object **result, char *err, size_t errsz)
{
	struct reader rd = { .fd = ctl_connect(d, o->timeout_ms) };
	struct json_object *reply = NULL;
	int r;

	*result = NULL;
	err[0] = 0;
	if (rd.fd < 0) {
		errno_text(rd.fd, err, errsz);
		return rd.fd;
	}
	r = send_request(rd.fd, req);
	if (!r)
		r = read_reply(&rd, now_ms() + o->timeout_ms, &reply);
	if (!r)
		r = unwrap(reply, result, err, errsz);
	else
		errno_text(r, err, errsz);
	json_object_put(reply);
	free(rd.buf);
	close(rd.fd);
	return r;
}

static struct json_object *request(const char *cmd, const char *ifname)
{
	struct json_object *req = json_object_new_object();

	json_object_object_add(req, "cmd", json_object_new_string(cmd));
	if (ifname)
		json_object_object_add(req, "ifname", json_object_new_string(ifname));
	return req;
}

/* --- commands --- */

/*
 * Ask every daemon; @fn gets each answer. Errors are reported and make the
 * exit status 1; a command that reached no daemon at all fails.
 */
static int ask_all(const struct opts *o, struct json_object *req,
		   void (*fn)(const struct daemon *d, struct json_object *result, void *arg),
		   void *arg)
{
	struct daemon *d;
	size_t n, i, live = 0;
	int status = find_daemons(o, &d, &n);

	for (i = 0; !status && i < n; i++) {
		struct json_object *result;
		char err[512];
		int r = ask(o, &d[i], req, &result, err, sizeof(err));

		if (stale(r) && !o->socket)
			continue;
		live++;
		if (r) {
			err_line("%s: %s", d[i].path, err);
			status = 1;
			continue;
		}
		fn(&d[i], result, arg);
		json_object_put(result);
	}
	if (!status && !live) {
		err_line("no nlpppd running (no control socket answers in %s/nlpppd)", o->run_dir);
		status = 1;
	}
	free(d);
	json_object_put(req);
	return status;
}

static void add_items(const struct daemon *d, struct json_object *result, void *arg)
{
	size_t i;

	if (!json_object_is_type(result, json_type_array))
		return;
	for (i = 0; i < json_object_array_length(result); i++) {
		struct json_object *item = json_object_array_get_idx(result, i);

		if (!json_object_is_type(item, json_type_object))
			continue;
		json_object_object_add(item, "pid", json_object_new_int64(d->pid));
		json_object_array_add(arg, json_object_get(item));
	}
}

static int cmd_list(const struct opts *o)
{
	struct json_object *items = json_object_new_array();
	int status = ask_all(o, request("list", NULL), add_items, items);

	if (o->json)
		printf("%s\n", json_out(items, true));
	else if (json_object_array_length(items) || !status)
		nl_ctl_format_list(stdout, items);
	json_object_put(items);
	return status;
}

struct metrics_acc {
	struct nl_ctl_daemon_metrics *d;
	size_t n;
};

static void add_metrics(const struct daemon *d, struct json_object *result, void *arg)
{
	struct metrics_acc *acc = arg;
	struct nl_ctl_daemon_metrics *p = realloc(acc->d, (acc->n + 1) * sizeof(*p));

	if (!p)
		return;
	acc->d = p;
	p[acc->n].pid = d->pid;
	p[acc->n++].metrics = json_object_get(result);
}

static int cmd_metrics(const struct opts *o)
{
	struct metrics_acc acc = { 0 };
	int status = ask_all(o, request("metrics", NULL), add_metrics, &acc);
	size_t i;

	nl_ctl_format_metrics(stdout, acc.d, acc.n);
	for (i = 0; i < acc.n; i++)
		json_object_put(acc.d[i].metrics);
	free(acc.d);
	return status;
}

static void print_target(const struct opts *o, const char *ifname, const char *cmd,
			 struct json_object *result)
{
	if (!strcmp(cmd, "show")) {
		if (o->json)
			printf("%s\n", json_out(result, true));
		else
			nl_ctl_format_show(stdout, result);
	} else {
		printf("%s: %s\n", ifname, json_object_is_type(result, json_type_string) ?
		       json_object_get_string(result) : "done");
	}
}

/* show/down/close/debug: the first daemon that knows @ifname answers. */
static int cmd_target(const struct opts *o, struct json_object *req, const char *cmd,
		      const char *ifname)
{
	struct daemon *d;
	size_t n, i, live = 0;
	int status = find_daemons(o, &d, &n), found = 0;

	for (i = 0; !status && !found && i < n; i++) {
		struct json_object *result;
		char err[512];
		int r = ask(o, &d[i], req, &result, err, sizeof(err));

		if (stale(r) && !o->socket)
			continue;
		live++;
		if (r == -EREMOTE && !strncmp(err, NL_CTL_ENOIF, strlen(NL_CTL_ENOIF)))
			continue;
		if (r == -EREMOTE) {
			err_line("%s: %s", ifname, err);
			found = -1;
		} else if (r) {
			err_line("%s: %s", d[i].path, err);
			status = 1;
		} else {
			print_target(o, ifname, cmd, result);
			json_object_put(result);
			found = 1;
		}
	}
	if (!found && !status)
		err_line(live ? "%s: no such interface in any running nlpppd" :
			 "%s: no nlpppd running", ifname);
	free(d);
	json_object_put(req);
	return found == 1 ? 0 : 1;
}

/* --- monitor --- */

struct mon {
	struct reader rd;
	const char *path;
	bool acked;
};

/* The acknowledgement, then events. -1 if the daemon refused. */
static int mon_line(const struct opts *o, struct mon *m, struct json_object *obj)
{
	struct json_object *result;
	char err[512];

	if (!m->acked) {
		if (unwrap(obj, &result, err, sizeof(err))) {
			err_line("%s: %s", m->path, err);
			return -1;
		}
		json_object_put(result);
		m->acked = true;
	} else if (o->json) {
		printf("%s\n", json_out(obj, false));
	} else {
		nl_ctl_format_event(stdout, obj);
	}
	return 0;
}

/* Read and print what @m has: 0 while it stays open, 1 closed, -1 failed. */
static int mon_ready(const struct opts *o, struct mon *m)
{
	struct json_object *obj;
	int fill = reader_fill(&m->rd), r;

	while ((r = reader_take(&m->rd, &obj)) != 0) {
		if (r < 0) {
			err_line("%s: malformed event line", m->path);
			continue;
		}
		r = mon_line(o, m, obj);
		json_object_put(obj);
		if (r)
			return -1;
	}
	if (fill < 0) {
		err_line("%s: %s", m->path, strerror(-fill));
		return -1;
	}
	return fill == 0 ? (m->acked ? 1 : -1) : 0;
}

static void mon_close(struct mon *m)
{
	close(m->rd.fd);
	m->rd.fd = -1;
	free(m->rd.buf);
	m->rd.buf = NULL;
}

/* Connect and send `monitor`: 0, -ECONNREFUSED/-ENOENT (stale, skip) or -1 (reported). */
static int mon_open(const struct opts *o, const struct daemon *d, struct mon *m)
{
	struct json_object *req = request("monitor", NULL);
	char err[512];
	int fd = ctl_connect(d, o->timeout_ms), r;

	if (stale(fd) && !o->socket) {
		json_object_put(req);
		return fd;
	}
	r = fd < 0 ? fd : send_request(fd, req);
	json_object_put(req);
	if (r) {
		errno_text(r, err, sizeof(err));
		err_line("%s: %s", d->path, err);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*m = (struct mon){ .rd.fd = fd, .path = d->path };
	return 0;
}

/* Wait for any daemon; give up on those that do not acknowledge in time. */
static int mon_wait(const struct opts *o, struct mon *m, size_t n, struct pollfd *p,
		    int64_t deadline)
{
	bool waiting_ack = false;
	int64_t left;
	size_t i;

	for (i = 0; i < n; i++) {
		p[i] = (struct pollfd){ .fd = m[i].rd.fd, .events = POLLIN };
		waiting_ack |= m[i].rd.fd >= 0 && !m[i].acked;
	}
	left = deadline - now_ms();
	if (waiting_ack && left <= 0) {
		for (i = 0; i < n; i++) {
			if (m[i].rd.fd >= 0 && !m[i].acked) {
				err_line("%s: no reply (timeout)", m[i].path);
				mon_close(&m[i]);
			}
		}
		return 1;
	}
	if (poll(p, n, waiting_ack ? (int)left : -1) < 0 && errno != EINTR)
		return -errno;
	return 0;
}

static int cmd_monitor(const struct opts *o)
{
	struct daemon *d;
	size_t n, i, nmon = 0, open_count;
	int status = find_daemons(o, &d, &n), r;
	struct mon *m = calloc(n + 1, sizeof(*m));
	struct pollfd *p = calloc(n + 1, sizeof(*p));
	int64_t deadline = now_ms() + o->timeout_ms;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!m || !p)
		status = 1;
	for (i = 0; !status && i < n; i++) {
		r = mon_open(o, &d[i], &m[nmon]);
		if (!r)
			nmon++;
		else if (r == -1)
			status = 1;
	}
	if (!status && !nmon) {
		err_line("no nlpppd running (no control socket answers in %s/nlpppd)", o->run_dir);
		status = 1;
	}
	for (;;) {
		for (i = 0, open_count = 0; i < nmon; i++)
			open_count += m[i].rd.fd >= 0;
		if (!open_count)
			break;
		r = mon_wait(o, m, nmon, p, deadline);
		if (r) {
			status = 1;
			if (r < 0)
				break;
			continue;
		}
		for (i = 0; i < nmon; i++) {
			if (m[i].rd.fd < 0 || !p[i].revents)
				continue;
			r = mon_ready(o, &m[i]);
			if (r)
				mon_close(&m[i]);
			if (r < 0)
				status = 1;
		}
	}
	for (i = 0; i < nmon; i++)
		if (m[i].rd.fd >= 0)
			mon_close(&m[i]);
	free(m);
	free(p);
	free(d);
	return status;
}

/* --- command line --- */

static const char usage_text[] =
	"usage: nlpppctl [options] list\n"
	"       nlpppctl [options] show IFNAME [link|lcp|auth|ipcp|ipv6cp|ccp|bundle|stats]\n"
	"       nlpppctl [options] down|close IFNAME\n"
	"       nlpppctl [options] debug IFNAME on|off\n"
	"       nlpppctl [options] monitor\n"
	"       nlpppctl [options] metrics\n"
	"options: --json  --socket PATH  --run-dir DIR  --timeout SECONDS  -h|--help  --version\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("nlpppctl: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (nlpppctl --help)\n", stderr);
	return EXIT_USAGE;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "socket", required_argument, NULL, 's' },
		{ "run-dir", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const char *env = getenv("NLPPP_RUN_DIR");
	char *end;
	double t;
	int c;

	*o = (struct opts){ .run_dir = env && *env ? env : "/run", .timeout_ms = 5000 };
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = true; break;
		case 's': o->socket = optarg; break;
		case 'r': o->run_dir = optarg; break;
		case 't':
			t = strtod(optarg, &end);
			if (end == optarg || *end || !(t > 0 && t <= 86400))
				return usage_error("--timeout: '%s' is not a number of seconds "
						   "(0 < t <= 86400)", optarg);
			o->timeout_ms = t * 1000 < 1 ? 1 : (int)(t * 1000);
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		case 'V': printf("nlpppctl %s\n", NLPPP_VERSION); return 0;
		default:
			return usage_error("unknown option or missing argument: '%s'",
					   argv[optind - 1]);
		}
	}
	return -1;
}

static int check_args(int argc, char **argv, const char *cmd, int min, int max)
{
	if (argc < min || argc > max)
		return usage_error("%s: wrong number of arguments", cmd);
	if (min > 1 && !nl_ctl_ifname_valid(argv[1]))
		return usage_error("'%s' is not an interface name", argv[1]);
	return -1;
}

static int run(const struct opts *o, int argc, char **argv)
{
	const char *cmd = argv[0];
	struct json_object *req;
	int r;

	if (!strcmp(cmd, "list") || !strcmp(cmd, "monitor") || !strcmp(cmd, "metrics")) {
		if ((r = check_args(argc, argv, cmd, 1, 1)) >= 0)
			return r;
		return cmd[1] == 'i' ? cmd_list(o) : cmd[1] == 'o' ? cmd_monitor(o) : cmd_metrics(o);
	}
	if (!strcmp(cmd, "show")) {
		if ((r = check_args(argc, argv, cmd, 2, 3)) >= 0)
			return r;
		if (argc == 3 && !nl_ctl_section_valid(argv[2]))
			return usage_error("show: unknown section '%s' "
					   "(link, lcp, auth, ipcp, ipv6cp, ccp, bundle, stats)", argv[2]);
		req = request("show", argv[1]);
		if (argc == 3)
			json_object_object_add(req, "section", json_object_new_string(argv[2]));
		return cmd_target(o, req, cmd, argv[1]);
	}
	if (!strcmp(cmd, "down") || !strcmp(cmd, "close")) {
		if ((r = check_args(argc, argv, cmd, 2, 2)) >= 0)
			return r;
		return cmd_target(o, request(cmd, argv[1]), cmd, argv[1]);
	}
	if (!strcmp(cmd, "debug")) {
		if ((r = check_args(argc, argv, cmd, 3, 3)) >= 0)
			return r;
		if (strcmp(argv[2], "on") && strcmp(argv[2], "off"))
			return usage_error("debug: '%s' is neither on nor off", argv[2]);
		req = request("debug", argv[1]);
		json_object_object_add(req, "on", json_object_new_boolean(!strcmp(argv[2], "on")));
		return cmd_target(o, req, cmd, argv[1]);
	}
	return usage_error("unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	struct opts o;
	int r = parse_opts(argc, argv, &o);

	if (r >= 0)
		return r;
	if (optind >= argc)
		return usage_error("%s", "no command given");
	r = run(&o, argc - optind, argv + optind);
	if (fflush(stdout) && !r)
		r = 1;
	return r;
}
