// SPDX-License-Identifier: GPL-2.0
/*
 * The log rate limiter, on a fake clock (nl_ratelimit_check takes the time),
 * and nl_log_ratelimited() on the real one with stderr captured.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

TEST(ratelimit_passes_a_burst_then_counts_what_it_holds_back)
{
	struct nl_ratelimit rl = { 0 };
	unsigned int report, i, passed = 0;
	uint64_t t = 1000000;

	for (i = 0; i < 100; i++) {
		if (nl_ratelimit_check(&rl, t + i, &report))
			passed++;
		CHECK_EQ(report, 0);
	}
	CHECK_EQ(passed, NL_RATELIMIT_BURST);
	CHECK_EQ(rl.suppressed, 100 - NL_RATELIMIT_BURST);
}

TEST(ratelimit_reports_the_count_with_the_first_message_of_the_next_interval)
{
	struct nl_ratelimit rl = { 0 };
	unsigned int report, i;
	uint64_t t = 5;

	for (i = 0; i < NL_RATELIMIT_BURST + 7; i++)
		nl_ratelimit_check(&rl, t, &report);
	/* Still inside the interval: nothing passes, nothing is reported. */
	CHECK(!nl_ratelimit_check(&rl, t + NL_RATELIMIT_MS - 1, &report));
	CHECK_EQ(report, 0);
	/* The interval is over: the next message passes and carries the count. */
	CHECK(nl_ratelimit_check(&rl, t + NL_RATELIMIT_MS, &report));
	CHECK_EQ(report, 8);
	CHECK(nl_ratelimit_check(&rl, t + NL_RATELIMIT_MS + 1, &report));
	CHECK_EQ(report, 0);
	CHECK_EQ(rl.suppressed, 0);
}

TEST(ratelimit_quiet_source_is_never_limited)
{
	struct nl_ratelimit rl = { 0 };
	unsigned int report, i;
	bool all = true;

	/* One message a second for a minute: well under the burst. */
	for (i = 0; i < 60; i++) {
		all &= nl_ratelimit_check(&rl, (uint64_t)i * 1000, &report);
		CHECK_EQ(report, 0);
	}
	CHECK(all);
}

TEST(ratelimit_limiters_are_independent)
{
	struct nl_ratelimit a = { 0 }, b = { 0 };
	unsigned int report, i;

	for (i = 0; i < 50; i++)
		nl_ratelimit_check(&a, 100, &report);
	CHECK(!nl_ratelimit_check(&a, 100, &report));
	CHECK(nl_ratelimit_check(&b, 100, &report));
	CHECK_EQ(report, 0);
}

static FILE *cap;
static int saved_fd;
static char captured[65536];

static void capture_begin(void)
{
	fflush(stderr);
	cap = tmpfile();
	saved_fd = dup(2);
	dup2(fileno(cap), 2);
	nl_log_set_stderr(true);
}

static int capture_end(void)
{
	size_t n;
	int lines = 0;
	char *p;

	fflush(stderr);
	nl_log_set_stderr(false);
	dup2(saved_fd, 2);
	close(saved_fd);
	rewind(cap);
	n = fread(captured, 1, sizeof(captured) - 1, cap);
	captured[n] = 0;
	fclose(cap);
	for (p = captured; *p; p++)
		lines += *p == '\n';
	return lines;
}

TEST(log_ratelimited_prints_the_burst_and_the_suppressed_count_on_flush)
{
	struct nl_ratelimit rl = { 0 };
	int i, lines;

	capture_begin();
	for (i = 0; i < 1000; i++)
		nl_warn_rl(&rl, "bad packet %d from the peer", i);
	nl_ratelimit_flush(&rl);
	nl_ratelimit_flush(&rl);	/* nothing left: no second line */
	lines = capture_end();
	CHECK_EQ(lines, NL_RATELIMIT_BURST + 1);
	CHECK(strstr(captured, "bad packet 0 from the peer") != NULL);
	CHECK(strstr(captured, "bad packet 9 from the peer") != NULL);
	CHECK(strstr(captured, "bad packet 10 from the peer") == NULL);
	CHECK(strstr(captured, "990 similar messages suppressed") != NULL);
}

/* Point JOURNAL_STREAM at the capture file (or at another inode) and re-init. */
static void journal_begin(bool same)
{
	struct stat st;
	char env[64];

	capture_begin();
	fstat(2, &st);
	snprintf(env, sizeof(env), "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino + (same ? 0 : 1));
	setenv("JOURNAL_STREAM", env, 1);
	nl_log_init("test_log", true);
}

static int journal_end(void)
{
	unsetenv("JOURNAL_STREAM");
	nl_log_init("test_log", false);
	return capture_end();
}

TEST(log_to_the_journal_is_one_line_with_a_priority_prefix_and_no_time_stamp)
{
	journal_begin(true);
	nl_notice("Connect: ppp0 <--> /dev/pts/3");
	nl_err("LCP: timeout sending Config-Requests");
	CHECK_EQ(journal_end(), 2);
	CHECK(!strcmp(captured, "<5>Connect: ppp0 <--> /dev/pts/3\n"
			       "<3>LCP: timeout sending Config-Requests\n"));
}

TEST(log_to_a_stderr_that_is_not_the_journal_keeps_the_program_name)
{
	/* The variable was inherited, but stderr was redirected since. */
	journal_begin(false);
	nl_notice("Connect: ppp0 <--> /dev/pts/3");
	CHECK_EQ(journal_end(), 1);
	CHECK(!strcmp(captured, "nlpppd: Connect: ppp0 <--> /dev/pts/3\n"));
}

int main(void)
{
	RUN(ratelimit_passes_a_burst_then_counts_what_it_holds_back);
	RUN(ratelimit_reports_the_count_with_the_first_message_of_the_next_interval);
	RUN(ratelimit_quiet_source_is_never_limited);
	RUN(ratelimit_limiters_are_independent);
	RUN(log_ratelimited_prints_the_burst_and_the_suppressed_count_on_flush);
	RUN(log_to_the_journal_is_one_line_with_a_priority_prefix_and_no_time_stamp);
	RUN(log_to_a_stderr_that_is_not_the_journal_keeps_the_program_name);
	return test_summary();
}
