// SPDX-License-Identifier: GPL-2.0
/*
 * Options text (first byte even) or a command line split on NUL bytes (first
 * byte odd) into the pppd-compatible parser. Files it names resolve under a
 * directory that does not exist, and devices and stdin are refused by the
 * parser itself, so the fuzzer cannot block on a read.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

#define NOWHERE "/nonexistent/nlppp-fuzz"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd >= 0) {
		dup2(fd, 0);
		close(fd);
	}
	setenv("NLPPPD_ETC", NOWHERE, 1);
	setenv("HOME", NOWHERE, 1);
	return 0;
}

static void check_strings(const struct nl_config *c)
{
	/* Every string field is still NUL-terminated inside its array. */
	if (!memchr(c->device, 0, sizeof(c->device)) ||
	    !memchr(c->pty_cmd, 0, sizeof(c->pty_cmd)) ||
	    !memchr(c->user, 0, sizeof(c->user)) ||
	    !memchr(c->password, 0, sizeof(c->password)) ||
	    !memchr(c->name, 0, sizeof(c->name)) ||
	    !memchr(c->remotename, 0, sizeof(c->remotename)) ||
	    !memchr(c->ipparam, 0, sizeof(c->ipparam)) ||
	    !memchr(c->linkname, 0, sizeof(c->linkname)) ||
	    !memchr(c->ifname, 0, sizeof(c->ifname)) ||
	    !memchr(c->logfile, 0, sizeof(c->logfile)) ||
	    !memchr(c->etc_ppp, 0, sizeof(c->etc_ppp)))
		abort();
	if (c->mru && (c->mru < 128 || c->mru > 16384))
		abort();
}

static void run_argv(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[65] = { "nlpppd" };
	struct nl_config c;
	size_t i, start = 0;
	int argc = 1;

	if (!copy)
		return;
	memcpy(copy, data, size);
	copy[size] = 0;
	for (i = 0; i <= size && argc < 64; i++) {
		if (copy[i] == 0) {
			argv[argc++] = copy + start;
			start = i + 1;
		}
	}
	argv[argc] = NULL;
	nl_config_defaults(&c);
	nl_config_parse_argv(&c, argc, argv);
	check_strings(&c);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_config c;

	if (size == 0)
		return 0;
	if (data[0] & 1) {
		run_argv(data + 1, size - 1);
		return 0;
	}
	nl_config_defaults(&c);
	nl_config_parse_text(&c, (const char *)data + 1, size - 1, "fuzz", 0);
	nl_config_check(&c);
	check_strings(&c);
	return 0;
}
