/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pap-secrets / chap-secrets in pppd's format:
 *   client  server  secret  [address ...]
 * with "*" as a wildcard for client or server, quoting and # comments as in
 * options files, "-" as the only address meaning "no address allowed", and
 * address entries "a.b.c.d", "a.b.c.d/len", "*" or "!a.b.c.d" (exclusion).
 */
#ifndef NLPPPD_SECRETS_H
#define NLPPPD_SECRETS_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

enum { NL_SECRET_MAX_ADDRS = 16 };

struct nl_secret_addr {
	struct in_addr addr;
	unsigned int prefix;	/* 0-32 */
	bool any;		/* "*" */
	bool negate;		/* "!" prefix: this range is excluded */
};

/* An entry's address column: what a link keeps of it after authentication. */
struct nl_secret_addrs {
	unsigned int naddrs;	/* 0 = no address column: no address allowed (pppd) */
	bool no_addrs;		/* the address column was "-" */
	struct nl_secret_addr addrs[NL_SECRET_MAX_ADDRS];
};

struct nl_secret {
	char client[256];
	char server[256];
	char secret[256];
	size_t secret_len;
	union {
		struct nl_secret_addrs a;	/* the column as a whole */
		struct {			/* the same, member by member */
			unsigned int naddrs;
			bool no_addrs;
			struct nl_secret_addr addrs[NL_SECRET_MAX_ADDRS];
		};
	};
};

/*
 * Find the best entry for @client and @server (either may be NULL to mean
 * "any"): an exact match on both beats a wildcard on one, which beats
 * wildcards on both; among equals the first in the file wins. Returns 0 and
 * fills @out, -ENOENT if no entry matches, or another -errno (with one line
 * on stderr/syslog) if the file is unreadable, not owned by root, or
 * readable or writable by others.
 */
int nl_secrets_lookup(const char *path, const char *client, const char *server,
		      struct nl_secret *out);

/*
 * The same lookup over a file's text (no permission check); @origin names
 * it in messages. Used by nl_secrets_lookup and by the fuzz target.
 */
int nl_secrets_lookup_text(const char *text, size_t len, const char *origin,
			   const char *client, const char *server,
			   struct nl_secret *out);

/* May the peer authenticated with @s use address @addr (host order 0 = none asked)? */
bool nl_secret_addr_allowed(const struct nl_secret *s, struct in_addr addr);
/* The same, from the address column alone. */
bool nl_secret_addrs_allowed(const struct nl_secret_addrs *s, struct in_addr addr);

/* Wipe a secret from memory (explicit_bzero). */
void nl_secret_wipe(struct nl_secret *s);

#endif
