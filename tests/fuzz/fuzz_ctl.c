// SPDX-License-Identifier: GPL-2.0
/*
 * Control-socket request lines into the parser: whatever it accepts must
 * be a request the daemon can act on (a known command, a valid interface
 * name, a known section), and whatever it refuses must say why on one line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_ctl_req req;
	char err[256];
	int r;

	memset(err, 'x', sizeof(err));
	r = nl_ctl_parse_request((const char *)data, size, &req, err, sizeof(err));
	if (r) {
		if (!memchr(err, 0, sizeof(err)) || !err[0] || strchr(err, '\n'))
			abort();
		return 0;
	}
	if (size > NL_CTL_MAX_REQUEST || req.cmd > NL_CTL_MONITOR ||
	    !memchr(req.ifname, 0, sizeof(req.ifname)) ||
	    !memchr(req.section, 0, sizeof(req.section)) || (req.on != 0 && req.on != 1))
		abort();
	switch (req.cmd) {
	case NL_CTL_SHOW:
	case NL_CTL_DOWN:
	case NL_CTL_CLOSE:
	case NL_CTL_DEBUG:
		if (!nl_ctl_ifname_valid(req.ifname))
			abort();
		break;
	default:
		if (req.ifname[0])
			abort();
	}
	if (req.section[0] && (req.cmd != NL_CTL_SHOW || !nl_ctl_section_valid(req.section)))
		abort();
	return 0;
}
