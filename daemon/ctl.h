/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket: a stream Unix socket speaking one JSON object per
 * line (docs/nlpppctl.8 is the protocol). It knows nothing about links;
 * the daemon answers through the handler. Only root may talk to it.
 */
#ifndef NLPPPD_CTL_H
#define NLPPPD_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

struct nl_loop;
struct nl_ctl;

enum {
	NL_CTL_MAX_REQUEST = 4096,	/* bytes of one request line, without "\n" */
	NL_CTL_MAX_QUEUE = 256 * 1024,	/* bytes queued to one client */
	NL_CTL_MAX_CLIENTS = 64,
};

/* What the daemon answers; every callback runs inside the event loop and must not block. */
struct nl_ctl_handler {
	/* Array of bundle summaries (the daemon builds the objects). */
	struct json_object *(*list)(void *ctx);
	/* Object for @ifname (NULL section = all sections), or NULL with a one-line reason in @err. */
	struct json_object *(*show)(void *ctx, const char *ifname, const char *section,
				    char *err, size_t errsz);
	/* "down" (drop, redial with persist), "close" (terminate), "debug" (@on 0/1): 0 or -errno with @err set. */
	int (*action)(void *ctx, const char *ifname, const char *action, int on,
		      char *err, size_t errsz);
	/* {"links":[{"ifname":..,"peer_name":..,"dataplane":..,"counters":{name:uint,...},"gauges":{name:number,...}}]} */
	struct json_object *(*metrics)(void *ctx);
};

/*
 * Listen on the Unix socket @path (mode 0600, parent dir created 0700 if
 * missing, a stale socket file replaced; -EADDRINUSE if a live one answers).
 */
int nl_ctl_open(struct nl_ctl **ctl, struct nl_loop *loop, const char *path,
		const struct nl_ctl_handler *h, void *ctx);
/*
 * Closes clients, unlinks the socket; NULL ok. It frees clients that the
 * loop's current epoll batch may still name: call it after nl_loop_run()
 * returns, or right after nl_loop_stop(), never from a handler callback.
 */
void nl_ctl_close(struct nl_ctl *ctl);
/* Send an event to every `monitor` client; takes ownership of @ev; adds "time" (unix seconds, double). */
void nl_ctl_event(struct nl_ctl *ctl, struct json_object *ev);

/* The request parser (pure; fuzzed). The daemon's error for an unknown ifname starts with this. */
#define NL_CTL_ENOIF "no such interface"

enum nl_ctl_cmd { NL_CTL_LIST, NL_CTL_SHOW, NL_CTL_DOWN, NL_CTL_CLOSE, NL_CTL_DEBUG,
		  NL_CTL_METRICS, NL_CTL_MONITOR };
struct nl_ctl_req {
	enum nl_ctl_cmd cmd;
	char ifname[16];
	char section[16];	/* "" = every section */
	int on;
};
/* 0, or -EINVAL with a one-line reason in @err. */
int nl_ctl_parse_request(const char *buf, size_t len, struct nl_ctl_req *req,
			 char *err, size_t errsz);
/* A name Linux accepts for a network interface: 1-15 bytes, no '/', ':' or white space. */
bool nl_ctl_ifname_valid(const char *name);
/* One of link lcp auth ipcp ipv6cp bundle stats. */
bool nl_ctl_section_valid(const char *section);

#endif
