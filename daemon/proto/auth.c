// SPDX-License-Identifier: GPL-2.0
/* What PAP and CHAP share: secrets lookups, printable names, status. */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "libppp/lcp.h"
#include "libppp/ppp.h"

#include "config.h"
#include "log.h"
#include "proto/auth.h"

void nl_auth_printable(char *dst, size_t dstsz, const uint8_t *src, size_t len)
{
	size_t i;

	if (len > dstsz - 1)
		len = dstsz - 1;
	for (i = 0; i < len; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	dst[len] = 0;
}

static bool name_is(const char *ours, const uint8_t *name, size_t len)
{
	return ours[0] && strlen(ours) == len && memcmp(ours, name, len) == 0;
}

bool nl_auth_is_own_name(const struct nl_link *l, const uint8_t *name, size_t len)
{
	return name_is(l->our_name, name, len) || name_is(l->cfg->user, name, len);
}

int nl_auth_body_len(const uint8_t *p, size_t len)
{
	uint16_t plen;

	if (len < PPP_CP_HDRLEN)
		return -1;
	plen = ppp_get_be16(p + 2);
	if (plen < PPP_CP_HDRLEN || plen > len)
		return -1;
	return plen - PPP_CP_HDRLEN;
}

static void secrets_path(struct nl_link *l, const char *file, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s/%s", l->cfg->etc_ppp, file);
}

int nl_auth_our_secret(struct nl_link *l, const char *file, const char *server,
		       char *name, size_t namesz, struct nl_secret *sec)
{
	const struct nl_config *c = l->cfg;
	char path[512];

	snprintf(name, namesz, "%s", c->user[0] ? c->user : l->our_name);
	memset(sec, 0, sizeof(*sec));
	if (c->password[0]) {
		snprintf(sec->secret, sizeof(sec->secret), "%s", c->password);
		sec->secret_len = strlen(sec->secret);
		return 0;
	}
	if (c->remotename[0])
		server = c->remotename;
	secrets_path(l, file, path, sizeof(path));
	if (nl_secrets_lookup(path, name, server, sec) < 0) {
		nl_err("No %s secret found for authenticating us (%s) to %s",
		       file, name, server ? server : "the peer");
		return -ENOENT;
	}
	return 0;
}

int nl_auth_peer_secret(struct nl_link *l, const char *file, const char *client,
			struct nl_secret *sec)
{
	char path[512];

	secrets_path(l, file, path, sizeof(path));
	if (nl_secrets_lookup(path, client, l->our_name, sec) < 0)
		return -ENOENT;
	return 0;
}

const char *nl_auth_method_name(uint16_t proto, uint8_t chap_alg)
{
	if (proto == PPP_PROTO_PAP)
		return "pap";
	if (proto != PPP_PROTO_CHAP)
		return "?";
	return chap_alg == PPP_CHAP_MSCHAP ? "mschap" :
	       chap_alg == PPP_CHAP_MSCHAP_V2 ? "mschap-v2" : "chap";
}

static struct json_object *side_json(const struct nl_auth_state *a, const char *name)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "protocol", !a->proto ? NULL :
			       json_object_new_string(nl_auth_method_name(a->proto, a->chap_alg)));
	json_object_object_add(o, "state", json_object_new_string(
		!a->proto ? "none" : a->failed ? "failure" : a->done ? "success" : "running"));
	json_object_object_add(o, "name", json_object_new_string(name));
	return o;
}

struct json_object *nl_auth_status(const struct nl_proto_inst *pi)
{
	const struct nl_link *l = pi->link;
	const struct nl_config *c = l->cfg;
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ours", side_json(&l->auth_ours,
						    c->user[0] ? c->user : l->our_name));
	json_object_object_add(o, "peer", side_json(&l->auth_peer, l->peer_name));
	return o;
}
