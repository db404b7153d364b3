// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket: the request parser against a table, then a live
 * server on a temporary path driven by the same loop as its test clients,
 * then nlpppctl's formatters (Prometheus output checked by promtool when
 * it is installed).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_format.h"
#include "event.h"
#include "test.h"

/* --- the parser --- */

static const struct {
	const char *req;
	int ok;
	enum nl_ctl_cmd cmd;
	const char *ifname, *section;
	int on;
	const char *err;	/* a substring of the error */
} parse_cases[] = {
	{ "{\"cmd\":\"list\"}", 1, NL_CTL_LIST, "", "", 0, NULL },
	{ " {\"cmd\" : \"metrics\"}\r\n", 1, NL_CTL_METRICS, "", "", 0, NULL },
	{ "{\"cmd\":\"monitor\"}", 1, NL_CTL_MONITOR, "", "", 0, NULL },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp0\"}", 1, NL_CTL_SHOW, "ppp0", "", 0, NULL },
	{ "{\"ifname\":\"ppp0\",\"section\":\"lcp\",\"cmd\":\"show\"}", 1, NL_CTL_SHOW,
	  "ppp0", "lcp", 0, NULL },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp0\",\"section\":\"ipv6cp\"}", 1, NL_CTL_SHOW,
	  "ppp0", "ipv6cp", 0, NULL },
	{ "{\"cmd\":\"down\",\"ifname\":\"ppp1\"}", 1, NL_CTL_DOWN, "ppp1", "", 0, NULL },
	{ "{\"cmd\":\"close\",\"ifname\":\"dsl-uplink.100\"}", 1, NL_CTL_CLOSE,
	  "dsl-uplink.100", "", 0, NULL },
	{ "{\"cmd\":\"debug\",\"ifname\":\"ppp0\",\"on\":true}", 1, NL_CTL_DEBUG, "ppp0", "", 1, NULL },
	{ "{\"cmd\":\"debug\",\"ifname\":\"ppp0\",\"on\":false}", 1, NL_CTL_DEBUG, "ppp0", "", 0, NULL },
	{ "", 0, 0, "", "", 0, "malformed JSON" },
	{ "{\"cmd\":\"list\"", 0, 0, "", "", 0, "malformed JSON" },
	{ "{'cmd':'list'}", 0, 0, "", "", 0, "malformed JSON" },
	{ "{\"cmd\":\"list\",}", 0, 0, "", "", 0, "malformed JSON" },
	{ "{\"cmd\":\"list\"} {\"cmd\":\"list\"}", 0, 0, "", "", 0, "malformed JSON" },
	{ "[\"list\"]", 0, 0, "", "", 0, "JSON object" },
	{ "\"list\"", 0, 0, "", "", 0, "JSON object" },
	{ "{}", 0, 0, "", "", 0, "missing \"cmd\"" },
	{ "{\"cmd\":\"reboot\"}", 0, 0, "", "", 0, "unknown cmd" },
	{ "{\"cmd\":7}", 0, 0, "", "", 0, "must be a string" },
	{ "{\"cmd\":\"list\",\"verbose\":1}", 0, 0, "", "", 0, "unknown key" },
	{ "{\"cmd\":\"list\",\"ifname\":\"ppp0\"}", 0, 0, "", "", 0, "unknown key" },
	{ "{\"cmd\":\"down\",\"ifname\":\"ppp0\",\"section\":\"lcp\"}", 0, 0, "", "", 0, "unknown key" },
	{ "{\"cmd\":\"show\"}", 0, 0, "", "", 0, "needs \"ifname\"" },
	{ "{\"cmd\":\"debug\",\"ifname\":\"ppp0\"}", 0, 0, "", "", 0, "\"on\"" },
	{ "{\"cmd\":\"debug\",\"ifname\":\"ppp0\",\"on\":1}", 0, 0, "", "", 0, "true or false" },
	{ "{\"cmd\":\"debug\",\"ifname\":\"ppp0\",\"on\":\"on\"}", 0, 0, "", "", 0, "true or false" },
	{ "{\"cmd\":\"show\",\"ifname\":0}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp0123456789abc\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"../ppp0\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp 0\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp0:1\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"..\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp\\u00000\"}", 0, 0, "", "", 0, "interface name" },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp0\",\"section\":\"lqr\"}", 0, 0, "", "", 0, "\"section\"" },
	{ "{\"cmd\":\"show\",\"ifname\":\"ppp0\",\"section\":null}", 0, 0, "", "", 0, "\"section\"" },
	{ "{\"cmd\":\"list\"}\0", 0, 0, "", "", 0, "NUL" },
};

TEST(parser_accepts_each_command_and_rejects_everything_else_with_a_reason)
{
	size_t i;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const char *s = parse_cases[i].req;
		size_t len = strlen(s) + (parse_cases[i].err && !strcmp(parse_cases[i].err, "NUL"));
		struct nl_ctl_req req;
		char err[256] = "untouched";
		int r = nl_ctl_parse_request(s, len, &req, err, sizeof(err));

		if (parse_cases[i].ok) {
			CHECK_EQ(r, 0);
			CHECK_EQ(req.cmd, parse_cases[i].cmd);
			CHECK(!strcmp(req.ifname, parse_cases[i].ifname));
			CHECK(!strcmp(req.section, parse_cases[i].section));
			CHECK_EQ(req.on, parse_cases[i].on);
		} else {
			CHECK_EQ(r, -EINVAL);
			CHECK(strstr(err, parse_cases[i].err) != NULL);
			CHECK(!strchr(err, '\n'));
		}
		if ((r == 0) != parse_cases[i].ok ||
		    (r && !strstr(err, parse_cases[i].err)))
			fprintf(stderr, "  case %zu: %s -> %d %s\n", i, s, r, err);
	}
}

TEST(parser_takes_4096_bytes_and_refuses_4097)
{
	char buf[NL_CTL_MAX_REQUEST + 1];
	struct nl_ctl_req req;
	char err[128];

	memset(buf, ' ', sizeof(buf));
	memcpy(buf, "{\"cmd\":\"list\"}", 14);
	CHECK_EQ(nl_ctl_parse_request(buf, NL_CTL_MAX_REQUEST, &req, err, sizeof(err)), 0);
	CHECK_EQ(nl_ctl_parse_request(buf, sizeof(buf), &req, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "too long") != NULL);
}

/* --- a live server --- */

static char tmpdir[] = "/tmp/nlppp-ctl-XXXXXX";
static char sockpath[256];

struct fake {
	char last_action[16];
	char last_ifname[16];
	int last_on;
	int big_list;	/* entries in each list reply */
};

static struct json_object *fake_list(void *ctx)
{
	struct fake *f = ctx;
	struct json_object *a = json_object_new_array();
	int i;

	for (i = 0; i < (f->big_list ? f->big_list : 1); i++) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "ifname", json_object_new_string("ppp0"));
		json_object_object_add(o, "phase", json_object_new_string("running"));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *fake_show(void *ctx, const char *ifname, const char *section,
				     char *err, size_t errsz)
{
	struct json_object *o;

	if (strcmp(ifname, "ppp0")) {
		snprintf(err, errsz, "no such interface: %s", ifname);
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "section", json_object_new_string(section ? section : "all"));
	return o;
}

static int fake_action(void *ctx, const char *ifname, const char *action, int on,
		       char *err, size_t errsz)
{
	struct fake *f = ctx;

	if (strcmp(ifname, "ppp0")) {
		snprintf(err, errsz, "no such interface: %s\nsecond line", ifname);
		return -ENODEV;
	}
	snprintf(f->last_action, sizeof(f->last_action), "%s", action);
	snprintf(f->last_ifname, sizeof(f->last_ifname), "%s", ifname);
	f->last_on = on;
	return 0;
}

static const struct nl_ctl_handler fake_handler = {
	.list = fake_list, .show = fake_show, .action = fake_action,
};

/* A test client: its socket watched by the server's own loop. */
struct tclient {
	struct nl_loop *l;
	struct nl_io io;
	int fd;
	bool eof;
	size_t len;
	char buf[1 << 16];
};

static void tclient_ready(void *ctx, uint32_t events)
{
	struct tclient *c = ctx;
	ssize_t n = read(c->fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len);

	if (n > 0)
		c->len += n;
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		c->eof = true;
	if (c->eof)
		nl_io_del(c->l, &c->io);	/* or it stops every later loop run */
	if (c->eof || memchr(c->buf, '\n', c->len))
		nl_loop_stop(c->l);
}

static void stop_loop(void *ctx)
{
	nl_loop_stop(ctx);
}

/* Run @l for about @ms (a test's only way to let the server work unwatched). */
static void run_for(struct nl_loop *l, int ms)
{
	struct nl_timer t;

	nl_timer_init(&t, stop_loop, l);
	nl_timer_arm(l, &t, ms);
	nl_loop_run(l);
	nl_timer_cancel(l, &t);
}

static int tclient_open(struct tclient *c, struct nl_loop *l)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int tries = 0;

	memset(c, 0, sizeof(*c));
	c->l = l;
	strcpy(sa.sun_path, sockpath);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -errno;
	/* A full backlog says EAGAIN: let the server accept, then retry. */
	while (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		if (errno != EAGAIN || ++tries > 50)
			return -errno;
		run_for(l, 5);
	}
	return nl_io_add(l, &c->io, c->fd, EPOLLIN, tclient_ready, c);
}

static void tclient_close(struct tclient *c)
{
	nl_io_del(c->l, &c->io);
	close(c->fd);
}

static void tclient_send(struct tclient *c, const char *s)
{
	CHECK_EQ(write(c->fd, s, strlen(s)), (ssize_t)strlen(s));
}

/* The next line as JSON, driving the loop for up to 2 s; NULL at EOF or timeout. */
static struct json_object *tclient_line(struct tclient *c)
{
	struct nl_timer guard;
	struct json_object *o;
	char *nl;

	nl_timer_init(&guard, stop_loop, c->l);
	nl_timer_arm(c->l, &guard, 2000);
	while (!memchr(c->buf, '\n', c->len) && !c->eof && guard.armed)
		nl_loop_run(c->l);
	nl_timer_cancel(c->l, &guard);
	nl = memchr(c->buf, '\n', c->len);
	if (!nl)
		return NULL;
	*nl = 0;
	o = json_tokener_parse(c->buf);
	c->len -= nl + 1 - c->buf;
	memmove(c->buf, nl + 1, c->len);
	return o;
}

static const char *field(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v))
		return "(missing)";
	return json_object_is_type(v, json_type_string) ? json_object_get_string(v) :
		json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
}

static bool is_ok(struct json_object *o)
{
	return !strcmp(field(o, "ok"), "true");
}

struct server {
	struct nl_loop l;
	struct nl_ctl *ctl;
	struct fake f;
};

static int server_start(struct server *s)
{
	memset(s, 0, sizeof(*s));
	if (nl_loop_init(&s->l))
		return -1;
	return nl_ctl_open(&s->ctl, &s->l, sockpath, &fake_handler, &s->f);
}

static void server_stop(struct server *s)
{
	nl_ctl_close(s->ctl);
	nl_loop_fini(&s->l);
}

TEST(server_listens_0600_in_a_0700_dir_and_close_removes_the_socket)
{
	struct server s;
	struct stat st;
	char dir[256];

	snprintf(dir, sizeof(dir), "%s/nlpppd", tmpdir);
	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(stat(sockpath, &st), 0);
	CHECK(S_ISSOCK(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0600);
	CHECK_EQ(stat(dir, &st), 0);
	CHECK_EQ(st.st_mode & 0777, 0700);
	server_stop(&s);
	CHECK_EQ(access(sockpath, F_OK), -1);
	CHECK_EQ(errno, ENOENT);
}

TEST(open_replaces_a_stale_socket_but_not_a_live_one_or_a_file)
{
	struct server s, t;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	/* A socket file nobody listens on any more, as a crashed daemon leaves. */
	strcpy(sa.sun_path, sockpath);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_EQ(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);
	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(server_start(&t), -EADDRINUSE);
	nl_loop_fini(&t.l);
	server_stop(&s);

	fd = open(sockpath, O_CREAT | O_WRONLY, 0600);
	close(fd);
	CHECK_EQ(server_start(&s), -EEXIST);
	nl_loop_fini(&s.l);
	unlink(sockpath);
}

TEST(list_show_and_actions_answer_on_one_connection)
{
	struct server s;
	struct tclient c;
	struct json_object *o;

	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(tclient_open(&c, &s.l), 0);

	tclient_send(&c, "{\"cmd\":\"list\"}\n");
	o = tclient_line(&c);
	CHECK(is_ok(o));
	CHECK(!strcmp(field(o, "result"), "[{\"ifname\":\"ppp0\",\"phase\":\"running\"}]"));
	json_object_put(o);

	/* Two requests in one write, two replies in order. */
	tclient_send(&c, "{\"cmd\":\"show\",\"ifname\":\"ppp0\",\"section\":\"lcp\"}\n"
		     "{\"cmd\":\"show\",\"ifname\":\"ppp9\"}\n");
	o = tclient_line(&c);
	CHECK(is_ok(o));
	CHECK(!strcmp(field(o, "result"), "{\"section\":\"lcp\"}"));
	json_object_put(o);
	o = tclient_line(&c);
	CHECK(!is_ok(o));
	CHECK(!strcmp(field(o, "error"), "no such interface: ppp9"));
	json_object_put(o);

	tclient_send(&c, "{\"cmd\":\"debug\",\"ifname\":\"ppp0\",\"on\":true}\n");
	o = tclient_line(&c);
	CHECK(!strcmp(field(o, "result"), "debug on"));
	CHECK(!strcmp(s.f.last_action, "debug") && s.f.last_on == 1);
	json_object_put(o);

	/* A handler's error with a newline still goes out as one line. */
	tclient_send(&c, "{\"cmd\":\"close\",\"ifname\":\"ppp7\"}\n");
	o = tclient_line(&c);
	CHECK(!strcmp(field(o, "error"), "no such interface: ppp7 second line"));
	json_object_put(o);

	/* No metrics callback: an error, not a crash. */
	tclient_send(&c, "{\"cmd\":\"metrics\"}\n");
	o = tclient_line(&c);
	CHECK(!is_ok(o));
	json_object_put(o);

	tclient_send(&c, "{\"cmd\":\"list\",\"x\":1}\n");
	o = tclient_line(&c);
	CHECK(!is_ok(o));
	CHECK(strstr(field(o, "error"), "unknown key") != NULL);
	json_object_put(o);

	/* The connection survived the errors. */
	tclient_send(&c, "{\"cmd\":\"down\",\"ifname\":\"ppp0\"}\n");
	o = tclient_line(&c);
	CHECK(is_ok(o));
	CHECK(!strcmp(s.f.last_action, "down"));
	json_object_put(o);

	tclient_close(&c);
	server_stop(&s);
}

TEST(last_request_without_newline_is_answered_at_end_of_input)
{
	struct server s;
	struct tclient c;
	struct json_object *o;

	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(tclient_open(&c, &s.l), 0);
	tclient_send(&c, "{\"cmd\":\"list\"}");
	shutdown(c.fd, SHUT_WR);
	o = tclient_line(&c);
	CHECK(is_ok(o));
	json_object_put(o);
	o = tclient_line(&c);
	CHECK(o == NULL);
	CHECK(c.eof);
	tclient_close(&c);
	server_stop(&s);
}

TEST(oversized_line_gets_an_error_then_the_connection_closes)
{
	struct server s;
	struct tclient c;
	struct json_object *o;
	char big[NL_CTL_MAX_REQUEST + 100];

	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(tclient_open(&c, &s.l), 0);
	memset(big, ' ', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	tclient_send(&c, big);
	o = tclient_line(&c);
	CHECK(!is_ok(o));
	CHECK(strstr(field(o, "error"), "too long") != NULL);
	json_object_put(o);
	o = tclient_line(&c);
	CHECK(o == NULL);
	CHECK(c.eof);
	tclient_close(&c);
	server_stop(&s);
}

static struct json_object *event(const char *name, int n)
{
	struct json_object *ev = json_object_new_object();

	json_object_object_add(ev, "event", json_object_new_string(name));
	json_object_object_add(ev, "ifname", json_object_new_string("ppp0"));
	json_object_object_add(ev, "protocol", json_object_new_string("lcp"));
	json_object_object_add(ev, "n", json_object_new_int(n));
	return ev;
}

TEST(monitor_gets_events_with_time_and_others_do_not)
{
	struct server s;
	struct tclient m, c;
	struct json_object *o, *t;

	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(tclient_open(&m, &s.l), 0);
	CHECK_EQ(tclient_open(&c, &s.l), 0);
	tclient_send(&m, "{\"cmd\":\"monitor\"}\n");
	o = tclient_line(&m);
	CHECK(!strcmp(field(o, "result"), "monitoring"));
	json_object_put(o);

	nl_ctl_event(s.ctl, event("up", 1));
	o = tclient_line(&m);
	CHECK(!strcmp(field(o, "event"), "up"));
	CHECK(!strcmp(field(o, "protocol"), "lcp"));
	CHECK(o && json_object_object_get_ex(o, "time", &t) &&
	      json_object_is_type(t, json_type_double) && json_object_get_double(t) > 1.6e9);
	json_object_put(o);

	/* The other client's next line is its reply, not the event. */
	tclient_send(&c, "{\"cmd\":\"list\"}\n");
	o = tclient_line(&c);
	CHECK(is_ok(o));
	json_object_put(o);

	nl_ctl_event(NULL, event("ignored", 0));	/* no server: freed, no crash */
	tclient_close(&m);
	tclient_close(&c);
	run_for(&s.l, 20);
	nl_ctl_event(s.ctl, event("after-close", 2));
	server_stop(&s);
}

TEST(monitor_that_does_not_read_loses_events_and_is_told_how_many)
{
	enum { N = 20000 };
	struct server s;
	struct tclient m;
	struct json_object *o;
	long got = 0, dropped = 0, next = 0;
	bool in_order = true;
	int i;

	CHECK_EQ(server_start(&s), 0);
	CHECK_EQ(tclient_open(&m, &s.l), 0);
	tclient_send(&m, "{\"cmd\":\"monitor\"}\n");
	json_object_put(tclient_line(&m));
	for (i = 0; i < N; i++)
		nl_ctl_event(s.ctl, event("up", i));
	while (got + dropped < N && (o = tclient_line(&m))) {
		if (!strcmp(field(o, "event"), "dropped")) {
			dropped += atol(field(o, "count"));
		} else {
			in_order &= atol(field(o, "n")) >= next;
			next = atol(field(o, "n")) + 1;
			got++;
		}
		json_object_put(o);
	}
	CHECK(dropped > 0);
	CHECK(got > 1000);
	CHECK_EQ(got + dropped, N);
	CHECK(in_order);
	tclient_close(&m);
	server_stop(&s);
}

TEST(client_that_does_not_read_its_replies_is_disconnected)
{
	struct server s;
	struct tclient c;
	struct json_object *o;
	char reqs[4096];
	int i, replies = 0;

	CHECK_EQ(server_start(&s), 0);
	s.f.big_list = 400;	/* ~16 KiB per reply */
	CHECK_EQ(tclient_open(&c, &s.l), 0);
	nl_io_del(&s.l, &c.io);	/* not reading */
	reqs[0] = 0;
	for (i = 0; i < 200; i++)
		strcat(reqs, "{\"cmd\":\"list\"}\n");
	for (i = 0; i < 3; i++) {
		/* Short writes and EPIPE are expected once the server gives up. */
		if (send(c.fd, reqs, strlen(reqs), MSG_NOSIGNAL) < 0)
			break;
		run_for(&s.l, 30);
	}
	CHECK_EQ(nl_io_add(&s.l, &c.io, c.fd, EPOLLIN, tclient_ready, &c), 0);
	while ((o = tclient_line(&c))) {
		replies++;
		json_object_put(o);
	}
	CHECK(c.eof);
	CHECK(replies < 600);
	tclient_close(&c);
	server_stop(&s);
}

TEST(sixty_fifth_client_is_refused_with_an_error_line)
{
	struct server s;
	struct tclient *c = calloc(NL_CTL_MAX_CLIENTS + 1, sizeof(*c));
	struct json_object *o;
	int i;

	CHECK_EQ(server_start(&s), 0);
	for (i = 0; i < NL_CTL_MAX_CLIENTS; i++)
		CHECK_EQ(tclient_open(&c[i], &s.l), 0);
	run_for(&s.l, 20);
	CHECK_EQ(tclient_open(&c[i], &s.l), 0);
	o = tclient_line(&c[i]);
	CHECK(!is_ok(o));
	CHECK(strstr(field(o, "error"), "too many clients") != NULL);
	json_object_put(o);
	CHECK(tclient_line(&c[i]) == NULL && c[i].eof);
	/* The first 64 still work. */
	tclient_send(&c[0], "{\"cmd\":\"list\"}\n");
	o = tclient_line(&c[0]);
	CHECK(is_ok(o));
	json_object_put(o);
	for (i = 0; i <= NL_CTL_MAX_CLIENTS; i++)
		tclient_close(&c[i]);
	server_stop(&s);
	free(c);
}

static long cpu_ms(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000 +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1000;
}

/* Out of descriptors, the server pauses accepting instead of spinning, then recovers. */
TEST(accept_pauses_when_out_of_descriptors_and_serves_later)
{
	struct server s;
	struct tclient c;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct rlimit old, low;
	struct rusage before, after;
	struct json_object *o;
	int lowest;

	CHECK_EQ(server_start(&s), 0);
	memset(&c, 0, sizeof(c));
	c.l = &s.l;
	c.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	strcpy(sa.sun_path, sockpath);
	lowest = dup(0);
	close(lowest);
	getrlimit(RLIMIT_NOFILE, &old);
	low = old;
	low.rlim_cur = lowest;	/* every descriptor below is taken: accept gets EMFILE */
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
	CHECK_EQ(connect(c.fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	CHECK_EQ(nl_io_add(&s.l, &c.io, c.fd, EPOLLIN, tclient_ready, &c), 0);
	tclient_send(&c, "{\"cmd\":\"list\"}\n");
	getrusage(RUSAGE_SELF, &before);
	run_for(&s.l, 200);
	getrusage(RUSAGE_SELF, &after);
	CHECK_EQ(c.len, 0);
	/* A loop spinning on the pending connection would burn the whole 200 ms. */
	CHECK(cpu_ms(&after) - cpu_ms(&before) < 100);
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &old), 0);
	o = tclient_line(&c);
	CHECK(is_ok(o));
	json_object_put(o);
	tclient_close(&c);
	server_stop(&s);
}

/* Mode 0600 keeps others out; the credential check is the second line of defence. */
TEST(non_root_peer_is_refused_even_when_the_socket_is_open_to_it)
{
	struct server s;
	struct tclient p;
	struct json_object *o;
	char dir[256];
	int pipefd[2];
	pid_t pid;

	if (geteuid() != 0) {
		printf("  (skipped: needs root)\n");
		return;
	}
	CHECK_EQ(server_start(&s), 0);
	snprintf(dir, sizeof(dir), "%s/nlpppd", tmpdir);
	chmod(tmpdir, 0711);
	chmod(dir, 0711);
	chmod(sockpath, 0666);
	CHECK_EQ(pipe2(pipefd, O_CLOEXEC), 0);
	pid = fork();
	if (pid == 0) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		char buf[256];
		ssize_t n;
		int fd;

		strcpy(sa.sun_path, sockpath);
		if (setgid(65534) || setuid(65534))
			_exit(1);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			_exit(2);
		n = write(fd, "{\"cmd\":\"list\"}\n", 15);
		n = read(fd, buf, sizeof(buf));
		if (n > 0 && write(pipefd[1], buf, n) != n)
			_exit(3);
		_exit(0);
	}
	close(pipefd[1]);
	memset(&p, 0, sizeof(p));
	p.l = &s.l;
	p.fd = pipefd[0];
	CHECK_EQ(nl_io_add(&s.l, &p.io, p.fd, EPOLLIN, tclient_ready, &p), 0);
	o = tclient_line(&p);
	CHECK(!strcmp(field(o, "error"), "permission denied: root only"));
	json_object_put(o);
	tclient_close(&p);
	waitpid(pid, NULL, 0);
	chmod(dir, 0700);
	chmod(tmpdir, 0700);
	server_stop(&s);
}

/* --- nlpppctl's formatters --- */

static char *capture(void (*fn)(FILE *, void *), void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(f, arg);
	fclose(f);
	return buf;
}

static const char metrics_a[] =
	"{\"links\":[{\"ifname\":\"ppp0\",\"peer_name\":\"al\\\"i\\\\ce\\n\",\"dataplane\":\"kernel\","
	"\"counters\":{\"tx_bytes\":1500,\"rx_bytes\":18446744073709551615,"
	"\"echo_total\":3,\"bad-name\":1,\"neg\":-1},"
	"\"gauges\":{\"echo_rtt_ms\":1.25,\"uptime_seconds\":60}},"
	"{\"ifname\":\"ppp1\",\"peer_name\":\"\",\"dataplane\":\"user\","
	"\"counters\":{\"tx_bytes\":7},\"gauges\":{\"tx_queue_bytes\":0}}]}";
static const char metrics_b[] =
	"{\"links\":[{\"ifname\":\"ppp0\",\"peer_name\":\"bob\",\"dataplane\":\"user\","
	"\"counters\":{\"rx_bytes\":5,\"tx_bytes\":9},\"gauges\":{}}]}";

static void metrics_fn(FILE *f, void *arg)
{
	nl_ctl_format_metrics(f, arg, 2);
}

/* Every sample line of each name directly under its one TYPE line. */
static bool grouped(const char *text)
{
	char cur[128] = "", seen[4096] = " ";
	const char *line;

	for (line = text; *line; line = strchr(line, '\n') + 1) {
		char name[128];

		if (sscanf(line, "# TYPE %127s", name) == 1) {
			char key[132];

			snprintf(key, sizeof(key), " %s ", name);
			if (strstr(seen, key))
				return false;
			strcat(seen, key + 1);
			snprintf(cur, sizeof(cur), "%s", name);
		} else if (line[0] != '#') {
			size_t n = strcspn(line, "{ ");

			if (n != strlen(cur) || strncmp(line, cur, n))
				return false;
		}
	}
	return true;
}

TEST(metrics_are_prometheus_text_grouped_escaped_and_valid)
{
	struct nl_ctl_daemon_metrics d[2] = {
		{ 100, json_tokener_parse(metrics_a) }, { 200, json_tokener_parse(metrics_b) },
	};
	char *out, path[300], cmd[1600];
	FILE *f;

	CHECK(d[0].metrics && d[1].metrics);
	out = capture(metrics_fn, d);
	CHECK(strstr(out, "# TYPE nlppp_tx_bytes_total counter\n"
		     "nlppp_tx_bytes_total{ifname=\"ppp0\",pid=\"100\",peer=\"al\\\"i\\\\ce\\n\","
		     "dataplane=\"kernel\"} 1500\n"
		     "nlppp_tx_bytes_total{ifname=\"ppp1\",pid=\"100\",peer=\"\",dataplane=\"user\"} 7\n"
		     "nlppp_tx_bytes_total{ifname=\"ppp0\",pid=\"200\",peer=\"bob\",dataplane=\"user\"} 9\n")
	      != NULL);
	CHECK(strstr(out, "# HELP nlppp_rx_bytes_total ") != NULL);
	CHECK(strstr(out, "} 18446744073709551615\n") != NULL);
	CHECK(strstr(out, "# TYPE nlppp_echo_total counter\n") != NULL);
	CHECK(strstr(out, "echo_total_total") == NULL);
	CHECK(strstr(out, "bad-name") == NULL);
	CHECK(strstr(out, "nlppp_neg") == NULL || strstr(out, "nlppp_neg_total{") == NULL);
	CHECK(strstr(out, "# TYPE nlppp_echo_rtt_ms gauge\n"
		     "nlppp_echo_rtt_ms{ifname=\"ppp0\",pid=\"100\",peer=\"al\\\"i\\\\ce\\n\","
		     "dataplane=\"kernel\"} 1.25\n") != NULL);
	CHECK(strstr(out, "nlppp_tx_queue_bytes{ifname=\"ppp1\"") != NULL);
	CHECK(grouped(out));

	snprintf(path, sizeof(path), "%s/metrics.prom", tmpdir);
	f = fopen(path, "w");
	fputs(out, f);
	fclose(f);
	if (system("command -v promtool >/dev/null 2>&1") == 0) {
		/*
		 * Exit 3 is lint only; the one lint allowed is about the
		 * daemon's documented name echo_rtt_ms ("abbreviated units").
		 */
		snprintf(cmd, sizeof(cmd), "promtool check metrics < %s > %s.out 2>&1; r=$?; "
			 "cat %s.out >&2; [ $r = 0 ] || { [ $r = 3 ] && "
			 "! grep -v 'abbreviated units' %s.out; }", path, path, path, path);
		CHECK_EQ(system(cmd), 0);
	} else {
		printf("  (promtool not installed: checked by the grouping parser only)\n");
	}
	free(out);
	json_object_put(d[0].metrics);
	json_object_put(d[1].metrics);
}

static void list_fn(FILE *f, void *arg)
{
	nl_ctl_format_list(f, arg);
}

TEST(list_table_has_a_header_aligned_columns_and_dashes_for_nothing)
{
	struct json_object *items = json_tokener_parse(
		"[{\"ifname\":\"ppp0\",\"pid\":4242,\"phase\":\"running\",\"peer_name\":\"alice\","
		"\"local_ip\":\"10.0.0.1\",\"remote_ip\":\"10.0.0.2\",\"uptime_s\":3725,"
		"\"dataplane\":\"kernel\"},"
		"{\"ifname\":\"ppp10\",\"pid\":7,\"phase\":\"establish\",\"peer_name\":\"\","
		"\"local_ip\":null,\"remote_ip\":null,\"uptime_s\":5,\"dataplane\":\"user\"}]");
	char *out = capture(list_fn, items);

	CHECK(!strcmp(out,
		"IFNAME  PID   PHASE      PEER   LOCAL     REMOTE    UPTIME  PLANE\n"
		"ppp0    4242  running    alice  10.0.0.1  10.0.0.2  1h02m   kernel\n"
		"ppp10   7     establish  -      -         -         5s      user\n"));
	if (strncmp(out, "IFNAME", 6))
		fputs(out, stderr);
	free(out);
	json_object_put(items);
}

static void show_fn(FILE *f, void *arg)
{
	nl_ctl_format_show(f, arg);
}

TEST(show_flattens_nested_objects_into_indented_lines)
{
	struct json_object *o = json_tokener_parse(
		"{\"bundle\":{\"bundle_id\":1,\"links\":[1,2],\"phase\":\"running\"},"
		"\"lcp\":{\"ours\":{\"mru\":1500,\"pfc\":true}},\"peer\":\"x\\u001by\"}");
	char *out = capture(show_fn, o);

	CHECK(!strcmp(out, "bundle:\n  bundle_id: 1\n  links: 1, 2\n  phase: running\n"
		      "lcp:\n  ours:\n    mru: 1500\n    pfc: true\npeer: x?y\n"));
	free(out);
	json_object_put(o);
}

static void event_fn(FILE *f, void *arg)
{
	nl_ctl_format_event(f, arg);
}

TEST(event_line_is_time_ifname_event_then_the_rest)
{
	struct json_object *o = json_tokener_parse(
		"{\"event\":\"auth\",\"ifname\":\"ppp0\",\"direction\":\"peer\",\"protocol\":\"chap\","
		"\"result\":\"success\",\"time\":1700000000.5}");
	char *out = capture(event_fn, o);

	CHECK_EQ(strlen(out), 9 + strlen("ppp0 auth direction=peer protocol=chap result=success\n"));
	CHECK(!strcmp(out + 9, "ppp0 auth direction=peer protocol=chap result=success\n"));
	CHECK(out[2] == ':' && out[5] == ':');
	free(out);
	json_object_put(o);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	if (!mkdtemp(tmpdir))
		return 1;
	snprintf(sockpath, sizeof(sockpath), "%s/nlpppd/1234.sock", tmpdir);
	RUN(parser_accepts_each_command_and_rejects_everything_else_with_a_reason);
	RUN(parser_takes_4096_bytes_and_refuses_4097);
	RUN(server_listens_0600_in_a_0700_dir_and_close_removes_the_socket);
	RUN(open_replaces_a_stale_socket_but_not_a_live_one_or_a_file);
	RUN(list_show_and_actions_answer_on_one_connection);
	RUN(last_request_without_newline_is_answered_at_end_of_input);
	RUN(oversized_line_gets_an_error_then_the_connection_closes);
	RUN(monitor_gets_events_with_time_and_others_do_not);
	RUN(monitor_that_does_not_read_loses_events_and_is_told_how_many);
	RUN(client_that_does_not_read_its_replies_is_disconnected);
	RUN(sixty_fifth_client_is_refused_with_an_error_line);
	RUN(accept_pauses_when_out_of_descriptors_and_serves_later);
	RUN(non_root_peer_is_refused_even_when_the_socket_is_open_to_it);
	RUN(metrics_are_prometheus_text_grouped_escaped_and_valid);
	RUN(list_table_has_a_header_aligned_columns_and_dashes_for_nothing);
	RUN(show_flattens_nested_objects_into_indented_lines);
	RUN(event_line_is_time_ifname_event_then_the_rest);
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd))
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
	return test_summary();
}
