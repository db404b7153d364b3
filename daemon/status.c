// SPDX-License-Identifier: GPL-2.0
/*
 * The answers to nlpppctl: list, show, metrics and actions, built live
 * from the registry, the protocols' status hooks and the data plane's
 * counters. Field names are documented in docs/nlpppctl.8.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bundle.h"
#include "config.h"
#include "link.h"
#include "log.h"
#include "proto/lcp.h"
#include "registry.h"
#include "status.h"

static struct json_object *ip_or_null(uint32_t a)
{
	struct in_addr in = { .s_addr = htonl(a) };
	char buf[INET_ADDRSTRLEN];

	return a ? json_object_new_string(inet_ntop(AF_INET, &in, buf, sizeof(buf))) : NULL;
}

static struct json_object *summary(struct nl_bundle *b)
{
	struct json_object *o = json_object_new_object(), *links = json_object_new_array();
	struct nl_link *l, *first = b->links;

	for (l = b->links; l; l = l->next) {
		struct json_object *lo = json_object_new_object();

		json_object_object_add(lo, "link_id", json_object_new_int64(l->id));
		json_object_object_add(lo, "device", json_object_new_string(l->tr.devname));
		json_object_object_add(lo, "transport",
				       json_object_new_string(nl_transport_kind_name(&l->tr)));
		json_object_object_add(lo, "phase", json_object_new_string(nl_phase_name(l->phase)));
		json_object_array_add(links, lo);
	}
	json_object_object_add(o, "ifname", json_object_new_string(b->dp.ifname));
	json_object_object_add(o, "bundle_id", json_object_new_int64(b->id));
	json_object_object_add(o, "phase", json_object_new_string(
				       nl_phase_name(first ? first->phase : NL_PHASE_DEAD)));
	json_object_object_add(o, "peer_name", json_object_new_string(first ? first->peer_name : ""));
	json_object_object_add(o, "local_ip", ip_or_null(b->ip_up ? b->local_ip : 0));
	json_object_object_add(o, "remote_ip", ip_or_null(b->ip_up ? b->remote_ip : 0));
	json_object_object_add(o, "uptime_s", json_object_new_int64(
				       (int64_t)(nl_now_ms() - b->start_ms) / 1000));
	json_object_object_add(o, "dataplane", json_object_new_string(
				       b->dp.ops ? b->dp.ops->name : "none"));
	json_object_object_add(o, "links", links);
	return o;
}

static struct json_object *st_list(void *ctx)
{
	struct nl_registry *r = ctx;
	struct json_object *a = json_object_new_array();
	struct nl_bundle *b;

	for (b = r->bundles; b; b = b->next)
		json_object_array_add(a, summary(b));
	return a;
}

static void add_u64(struct json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_uint64(v));
}

/* {"counters": {...}, "gauges": {...}}: one mapping from the planes' counters. */
static struct json_object *stats_json(struct nl_bundle *b)
{
	struct json_object *o = json_object_new_object(), *c = json_object_new_object(),
			   *g = json_object_new_object();
	struct nl_link *l = b->links;
	struct nl_dp_stats st;
	uint64_t req = 0, rep = 0;
	int64_t rtt = -1;

	nl_bundle_stats(b, l, &st);
	if (l)
		nl_lcp_echo_stats(nl_link_proto(l, &nl_proto_lcp), &req, &rep, &rtt);
	add_u64(c, "tx_bytes", st.tx_bytes);
	add_u64(c, "rx_bytes", st.rx_bytes);
	add_u64(c, "tx_packets", st.tx_packets);
	add_u64(c, "rx_packets", st.rx_packets);
	add_u64(c, "tx_frames", st.tx_frames);
	add_u64(c, "rx_frames", st.rx_frames);
	add_u64(c, "rx_fcs_errors", st.rx_fcs_errors);
	add_u64(c, "rx_frame_errors", st.rx_frame_errors);
	add_u64(c, "rx_aborts", st.rx_aborts);
	add_u64(c, "rx_overruns", st.rx_overruns);
	add_u64(c, "rx_dropped", st.rx_dropped + (l ? l->rx_early : 0));
	add_u64(c, "tx_dropped", st.tx_dropped);
	add_u64(c, "rx_unknown_proto", l ? l->rx_unknown_proto : 0);
	add_u64(c, "tx_queue_drops", st.tx_queue_drops);
	add_u64(c, "echo_requests", req);
	add_u64(c, "echo_replies", rep);
	json_object_object_add(g, "echo_rtt_ms", rtt < 0 ? NULL : json_object_new_int64(rtt));
	add_u64(g, "tx_queue_bytes", st.tx_queue_bytes);
	add_u64(g, "uptime_seconds", (nl_now_ms() - b->start_ms) / 1000);
	json_object_object_add(o, "counters", c);
	json_object_object_add(o, "gauges", g);
	return o;
}

static struct json_object *proto_status(struct nl_bundle *b, const char *name)
{
	const struct nl_proto *p = nl_proto_by_name(name);
	struct nl_proto_inst *pi = p && b->links ? nl_link_proto(b->links, p) : NULL;

	if (!pi || !p->status) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "state", json_object_new_string(pi ? "?" : "disabled"));
		return o;
	}
	return p->status(pi);
}

static struct json_object *section(struct nl_bundle *b, const char *name)
{
	if (!strcmp(name, "link"))
		return b->links ? nl_link_status(b->links) : NULL;
	if (!strcmp(name, "bundle"))
		return nl_bundle_status(b);
	if (!strcmp(name, "stats"))
		return stats_json(b);
	if (!strcmp(name, "auth"))
		return proto_status(b, "chap");	/* PAP and CHAP share the link's view */
	return proto_status(b, name);
}

static const char *const sections[] = { "link", "lcp", "auth", "ipcp", "ipv6cp",
					"ccp", "bundle", "stats" };

static struct json_object *st_show(void *ctx, const char *ifname, const char *sec,
				   char *err, size_t errsz)
{
	struct nl_bundle *b = nl_registry_find(ctx, ifname);
	struct json_object *o;
	size_t i;

	if (!b) {
		snprintf(err, errsz, NL_CTL_ENOIF ": %s", ifname);
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "ifname", json_object_new_string(b->dp.ifname));
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (!sec || !*sec || !strcmp(sec, sections[i]))
			json_object_object_add(o, sections[i], section(b, sections[i]));
	return o;
}

static int st_action(void *ctx, const char *ifname, const char *action, int on,
		     char *err, size_t errsz)
{
	struct nl_bundle *b = nl_registry_find(ctx, ifname);

	if (!b) {
		snprintf(err, errsz, NL_CTL_ENOIF ": %s", ifname);
		return -ENODEV;
	}
	if (!strcmp(action, "down")) {
		nl_notice("%s: link dropped by nlpppctl", ifname);
		nl_bundle_hangup(b);
	} else if (!strcmp(action, "close")) {
		nl_notice("%s: closed by nlpppctl", ifname);
		nl_bundle_close(b, "User request", NL_EXIT_USER_REQUEST);
	} else if (!strcmp(action, "debug")) {
		b->debug = on;
		nl_notice("%s: debug %s", ifname, on ? "on" : "off");
	} else {
		snprintf(err, errsz, "unknown action %s", action);
		return -EINVAL;
	}
	return 0;
}

static struct json_object *st_metrics(void *ctx)
{
	struct nl_registry *r = ctx;
	struct json_object *o = json_object_new_object(), *a = json_object_new_array();
	struct nl_bundle *b;

	for (b = r->bundles; b; b = b->next) {
		struct json_object *m = stats_json(b), *e = json_object_new_object(), *v;

		json_object_object_add(e, "ifname", json_object_new_string(b->dp.ifname));
		json_object_object_add(e, "peer_name", json_object_new_string(
					       b->links ? b->links->peer_name : ""));
		json_object_object_add(e, "dataplane", json_object_new_string(
					       b->dp.ops ? b->dp.ops->name : "none"));
		if (json_object_object_get_ex(m, "counters", &v))
			json_object_object_add(e, "counters", json_object_get(v));
		if (json_object_object_get_ex(m, "gauges", &v))
			json_object_object_add(e, "gauges", json_object_get(v));
		json_object_put(m);
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "links", a);
	return o;
}

const struct nl_ctl_handler nl_status_handler = {
	.list = st_list,
	.show = st_show,
	.action = st_action,
	.metrics = st_metrics,
};
