// SPDX-License-Identifier: GPL-2.0
/* The protocol table, and instances of it on links and bundles. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

/* Adding a protocol: its file, and one line here. */
const struct nl_proto *const nl_protos[] = {
	&nl_proto_lcp,
	&nl_proto_pap,
	&nl_proto_chap,
	&nl_proto_ipcp,
	&nl_proto_ipv6cp,
	&nl_proto_ccp,
	NULL,
};

_Static_assert(sizeof(nl_protos) / sizeof(nl_protos[0]) <= NL_PROTO_MAX + 1,
	       "raise NL_PROTO_MAX");

int nl_proto_index(uint16_t number)
{
	int i;

	for (i = 0; nl_protos[i]; i++)
		if (nl_protos[i]->number == number)
			return i;
	return -1;
}

const struct nl_proto *nl_proto_find(uint16_t number)
{
	int i = nl_proto_index(number);

	return i < 0 ? NULL : nl_protos[i];
}

const struct nl_proto *nl_proto_by_name(const char *name)
{
	int i;

	for (i = 0; nl_protos[i]; i++)
		if (!strcmp(nl_protos[i]->name, name))
			return nl_protos[i];
	return NULL;
}

int nl_proto_insts_init(struct nl_proto_inst *insts, bool network,
			struct nl_link *l, struct nl_bundle *b,
			const struct nl_config *c)
{
	int i;

	memset(insts, 0, sizeof(*insts) * NL_PROTO_MAX);
	for (i = 0; nl_protos[i]; i++) {
		const struct nl_proto *p = nl_protos[i];
		struct nl_proto_inst *pi = &insts[i];

		if ((p->layer == NL_LAYER_NETWORK) != network)
			continue;
		pi->proto = p;
		pi->link = l;
		pi->bundle = b;
		if (p->enabled && !p->enabled(c))
			continue;
		pi->state = calloc(1, p->state_size);
		if (!pi->state) {
			nl_proto_insts_fini(insts);
			return -ENOMEM;
		}
		if (p->init)
			p->init(pi);
	}
	return 0;
}

void nl_proto_insts_fini(struct nl_proto_inst *insts)
{
	int i;

	for (i = 0; i < NL_PROTO_MAX; i++) {
		struct nl_proto_inst *pi = &insts[i];

		if (!pi->state)
			continue;
		if (pi->proto->fini)
			pi->proto->fini(pi);
		free(pi->state);
		pi->state = NULL;
	}
}

void nl_proto_layer_up(struct nl_proto_inst *insts, enum nl_proto_layer layer)
{
	int i;

	for (i = 0; i < NL_PROTO_MAX; i++)
		if (insts[i].state && insts[i].proto->layer == layer &&
		    insts[i].proto->lower_up)
			insts[i].proto->lower_up(&insts[i]);
}

void nl_proto_layer_down(struct nl_proto_inst *insts, enum nl_proto_layer layer)
{
	int i;

	for (i = 0; i < NL_PROTO_MAX; i++)
		if (insts[i].state && insts[i].proto->layer == layer &&
		    insts[i].proto->lower_down)
			insts[i].proto->lower_down(&insts[i]);
}
