/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hook scripts (ip-up, ip-down, ipv6-up, ipv6-down, auth-up,
 * auth-down) with pppd's arguments and environment, and the resolv.conf
 * written for usepeerdns.
 */
#ifndef NLPPPD_SCRIPT_H
#define NLPPPD_SCRIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct nl_bundle;

/*
 * Run <etc_ppp>/@name if it exists, with @args (NULL-terminated, after the
 * script path) and the common environment plus @env ("KEY=value" strings,
 * NULL-terminated), once the bundle's earlier scripts have finished (see
 * script.c). Returns 0 (started, queued, or no such script) or -errno.
 */
int nl_script_run(struct nl_bundle *b, const char *name,
		  const char *const *args, const char *const *env);

/* A child has been reaped: true if it was a script (the next one starts). */
bool nl_script_reaped(pid_t pid, int status);

/* The bundle goes: its queued scripts still run, in order. */
void nl_script_detach(struct nl_bundle *b);

/*
 * Reap children and start queued scripts for up to @ms, until none is
 * left; returns nonzero if some are.
 */
int nl_script_wait_all(unsigned int ms);

/* Write <etc_ppp>/resolv.conf with the peer's DNS servers, saving any old one. */
int nl_resolv_write(struct nl_bundle *b, uint32_t dns1, uint32_t dns2);
/* Put back what nl_resolv_write replaced (or remove the file). */
void nl_resolv_restore(struct nl_bundle *b);

#endif
