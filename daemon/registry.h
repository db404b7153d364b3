/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every bundle (and through it every link) of this process, with ids and
 * lookup by interface name, and the channels all sessions share: the
 * rtnetlink socket and the event sink (nlpppctl monitor).
 */
#ifndef NLPPPD_REGISTRY_H
#define NLPPPD_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

struct json_object;
struct nl_bundle;
struct nl_loop;
struct nl_rtnl;
struct nl_genl;

struct nl_registry {
	struct nl_loop *loop;
	struct nl_rtnl *rtnl;		/* shared by every bundle; opened on first use */
	struct nl_genl *genl;		/* the kernel plane's channel; opened on first use */
	struct nl_bundle *bundles;
	unsigned int nbundles;
	uint32_t next_bundle_id, next_link_id;
	/* Where events go (the control socket's monitor clients). */
	void (*event_sink)(void *ctx, struct json_object *ev);
	void *event_ctx;
};

void nl_registry_init(struct nl_registry *r, struct nl_loop *loop);
void nl_registry_fini(struct nl_registry *r);
void nl_registry_add(struct nl_registry *r, struct nl_bundle *b);
/* Idempotent. */
void nl_registry_remove(struct nl_registry *r, struct nl_bundle *b);
uint32_t nl_registry_next_link_id(struct nl_registry *r);
struct nl_bundle *nl_registry_find(struct nl_registry *r, const char *ifname);
/* The shared rtnetlink socket, or NULL (logged) if it cannot be opened. */
struct nl_rtnl *nl_registry_rtnl(struct nl_registry *r);
/* The shared generic netlink channel to nlppp.ko, or NULL (logged). */
struct nl_genl *nl_registry_genl(struct nl_registry *r);
bool nl_registry_has_listeners(const struct nl_registry *r);
/* Hand @ev (a new reference, taken) to the event sink. */
void nl_registry_event(struct nl_registry *r, struct json_object *ev);

#endif
