// SPDX-License-Identifier: GPL-2.0
/* The registry of bundles and the channels they share. */
#include <json-c/json.h>
#include <string.h>

#include "bundle.h"
#include "dataplane/genl.h"
#include "log.h"
#include "registry.h"
#include "rtnl.h"

void nl_registry_init(struct nl_registry *r, struct nl_loop *loop)
{
	memset(r, 0, sizeof(*r));
	r->loop = loop;
}

void nl_registry_fini(struct nl_registry *r)
{
	nl_genl_close(r->genl);
	r->genl = NULL;
	if (r->rtnl)
		nl_rtnl_close(r->rtnl);
	r->rtnl = NULL;
}

/* Constant time both ways: a server adds and removes bundles all day. */
void nl_registry_add(struct nl_registry *r, struct nl_bundle *b)
{
	if (b->pprev)
		return;
	b->id = ++r->next_bundle_id;
	b->next = r->bundles;
	if (b->next)
		b->next->pprev = &b->next;
	b->pprev = &r->bundles;
	r->bundles = b;
	r->nbundles++;
}

void nl_registry_remove(struct nl_registry *r, struct nl_bundle *b)
{
	if (!b->pprev)
		return;
	*b->pprev = b->next;
	if (b->next)
		b->next->pprev = b->pprev;
	b->next = NULL;
	b->pprev = NULL;
	r->nbundles--;
}

uint32_t nl_registry_next_link_id(struct nl_registry *r)
{
	return ++r->next_link_id;
}

struct nl_bundle *nl_registry_find(struct nl_registry *r, const char *ifname)
{
	struct nl_bundle *b;

	for (b = r->bundles; b; b = b->next)
		if (!strcmp(b->dp.ifname, ifname))
			return b;
	return NULL;
}

struct nl_rtnl *nl_registry_rtnl(struct nl_registry *r)
{
	int err;

	if (!r->rtnl) {
		err = nl_rtnl_open(&r->rtnl);
		if (err < 0) {
			nl_err("rtnetlink: %s", strerror(-err));
			r->rtnl = NULL;
		}
	}
	return r->rtnl;
}

struct nl_genl *nl_registry_genl(struct nl_registry *r)
{
	if (!r->genl && nl_genl_open(&r->genl, r->loop) < 0)
		r->genl = NULL;
	return r->genl;
}

bool nl_registry_has_listeners(const struct nl_registry *r)
{
	return r && r->event_sink;
}

void nl_registry_event(struct nl_registry *r, struct json_object *ev)
{
	if (r->event_sink)
		r->event_sink(r->event_ctx, ev);
	else
		json_object_put(ev);
}
