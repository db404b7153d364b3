// SPDX-License-Identifier: GPL-2.0
/*
 * The hook scripts of one bundle run one at a time, in order, and an
 * "-up" still waiting is cancelled by its "-down". Each script here logs
 * its start and end around a short sleep: two that overlap would log
 * "start, start, end, end".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "script.h"
#include "test.h"

static char dir[64];
static char logpath[128];

static void write_script(const char *name, const char *sleep_s)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fprintf(f, "#!/bin/sh\necho \"start %s $1\" >> %s\nsleep %s\necho \"end %s\" >> %s\n",
		name, logpath, sleep_s, name, logpath);
	fclose(f);
	chmod(path, 0755);
}

/* The log's lines joined with '|'. */
static const char *read_log(void)
{
	static char buf[1024];
	size_t n = 0;
	FILE *f = fopen(logpath, "r");

	buf[0] = '\0';
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\n')
			buf[i] = '|';
	return buf;
}

static void bundle_init(struct nl_bundle *b, struct nl_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	memset(b, 0, sizeof(*b));
	snprintf(cfg->etc_ppp, sizeof(cfg->etc_ppp), "%s", dir);
	b->cfg = cfg;
	b->dp.fd = -1;
	snprintf(b->dp.ifname, sizeof(b->dp.ifname), "ppp7");
	unlink(logpath);
}

static void run(struct nl_bundle *b, const char *name)
{
	const char *args[] = { b->dp.ifname, NULL };

	CHECK_EQ(nl_script_run(b, name, args, NULL), 0);
}

static bool log_is(const char *want)
{
	const char *got = read_log();

	if (strcmp(got, want))
		fprintf(stderr, "  log:  %s\n  want: %s\n", got, want);
	return !strcmp(got, want);
}

TEST(down_waits_for_up_to_finish)
{
	struct nl_config cfg;
	struct nl_bundle b;

	bundle_init(&b, &cfg);
	run(&b, "ip-up");
	run(&b, "ip-down");
	CHECK_EQ(nl_script_wait_all(10000), 0);
	CHECK(log_is("start ip-up ppp7|end ip-up|start ip-down ppp7|end ip-down|"));
	nl_script_detach(&b);
}

TEST(a_waiting_up_and_its_down_cancel_out)
{
	struct nl_config cfg;
	struct nl_bundle b;

	bundle_init(&b, &cfg);
	run(&b, "ip-up");	/* runs */
	run(&b, "ip-down");	/* waits */
	run(&b, "ip-up");	/* waits ... */
	run(&b, "ip-down");	/* ... and goes with this one */
	run(&b, "ipv6-up");
	CHECK_EQ(nl_script_wait_all(10000), 0);
	CHECK(log_is("start ip-up ppp7|end ip-up|start ip-down ppp7|end ip-down|"
		     "start ipv6-up ppp7|end ipv6-up|"));
	nl_script_detach(&b);
}

TEST(a_storm_of_up_down_pairs_runs_a_bounded_number_of_scripts)
{
	struct nl_config cfg;
	struct nl_bundle b;
	const char *log;
	int i, lines = 0;

	bundle_init(&b, &cfg);
	for (i = 0; i < 1000; i++) {
		run(&b, "ip-up");
		run(&b, "ip-down");
	}
	CHECK_EQ(nl_script_wait_all(10000), 0);
	log = read_log();
	for (; *log; log++)
		lines += *log == '|';
	/* The first pair runs; every later one cancels out while it runs. */
	CHECK_EQ(lines, 4);
	nl_script_detach(&b);
}

TEST(queued_scripts_still_run_in_order_after_the_bundle_goes)
{
	struct nl_config cfg;
	struct nl_bundle b;

	bundle_init(&b, &cfg);
	run(&b, "ip-up");	/* runs */
	run(&b, "ipv6-up");	/* the last one waiting is not ip-down's up */
	run(&b, "ip-down");
	run(&b, "auth-down");
	nl_script_detach(&b);
	CHECK(b.scripts == NULL);
	CHECK_EQ(nl_script_wait_all(10000), 0);
	CHECK(log_is("start ip-up ppp7|end ip-up|start ipv6-up ppp7|end ipv6-up|"
		     "start ip-down ppp7|end ip-down|start auth-down ppp7|end auth-down|"));
}

TEST(a_missing_script_is_not_queued)
{
	struct nl_config cfg;
	struct nl_bundle b;

	bundle_init(&b, &cfg);
	run(&b, "no-such-script");
	CHECK(b.scripts == NULL);
	run(&b, "ip-up");
	CHECK(b.scripts != NULL);
	CHECK_EQ(nl_script_wait_all(10000), 0);
	nl_script_detach(&b);
}

int main(void)
{
	char cmd[96];
	int ret;

	snprintf(dir, sizeof(dir), "/tmp/nlppp-script.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(logpath, sizeof(logpath), "%s/log", dir);
	write_script("ip-up", "0.2");
	write_script("ip-down", "0.05");
	write_script("ipv6-up", "0");
	write_script("auth-up", "0.1");
	write_script("auth-down", "0");
	RUN(down_waits_for_up_to_finish);
	RUN(a_waiting_up_and_its_down_cancel_out);
	RUN(a_storm_of_up_down_pairs_runs_a_bounded_number_of_scripts);
	RUN(queued_scripts_still_run_in_order_after_the_bundle_goes);
	RUN(a_missing_script_is_not_queued);
	ret = test_summary();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return ret;
}
