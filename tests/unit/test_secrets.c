// SPDX-License-Identifier: GPL-2.0
/* pap-secrets / chap-secrets: best match, addresses, @file, permissions. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "config.h"
#include "secrets.h"
#include "test.h"

static char tmpdir[] = "/tmp/nlppp-secrets-XXXXXX";

static char captured[8192];
static int saved_stderr = -1;
static FILE *capture_file;

static void capture_begin(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	saved_stderr = dup(2);
	dup2(fileno(capture_file), 2);
}

static const char *capture_end(void)
{
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = 0;
	fclose(capture_file);
	return captured;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Look up in @text with stderr captured into `captured`. */
static int lookup(const char *text, const char *client, const char *server,
		  struct nl_secret *s)
{
	int r;

	memset(s, 0x5a, sizeof(*s));
	capture_begin();
	r = nl_secrets_lookup_text(text, strlen(text), "secrets", client, server, s);
	capture_end();
	return r;
}

static char *path_in_tmp(const char *name)
{
	static char path[400];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static const char *write_file(const char *name, const char *text, mode_t mode)
{
	const char *path = path_in_tmp(name);
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		perror(path);
		exit(1);
	}
	fchmod(fd, mode);
	close(fd);
	return path;
}

static struct in_addr ip(const char *dotted)
{
	struct in_addr a = { 0 };

	inet_pton(AF_INET, dotted, &a);
	return a;
}

/* ---- matching --------------------------------------------------------- */

TEST(exact_client_and_server_beat_any_wildcard)
{
	struct nl_secret s;

	CHECK_EQ(lookup("* * all\n"
			"alice * client-only\n"
			"* gw server-only\n"
			"alice gw both\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "both"));
	CHECK(!strcmp(s.client, "alice") && !strcmp(s.server, "gw"));
	CHECK_EQ(s.secret_len, 4);
}

TEST(one_wildcard_beats_two)
{
	struct nl_secret s;

	CHECK_EQ(lookup("* * all\n* gw server-only\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "server-only"));
	CHECK_EQ(lookup("* * all\nalice * client-only\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "client-only"));
}

TEST(first_of_equally_good_entries_wins)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw first\nalice gw second\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "first"));
	/* A wildcard client and a wildcard server count the same. */
	CHECK_EQ(lookup("* gw server-only\nalice * client-only\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "server-only"));
	CHECK_EQ(lookup("alice * client-only\n* gw server-only\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "client-only"));
}

TEST(wildcard_entries_match_any_name)
{
	struct nl_secret s;

	CHECK_EQ(lookup("* * any\n", "whoever", "wherever", &s), 0);
	CHECK(!strcmp(s.secret, "any"));
	CHECK_EQ(lookup("* * any\n", "", "", &s), 0);
}

TEST(null_query_names_match_any_entry)
{
	struct nl_secret s;

	CHECK_EQ(lookup("bob gw b\nalice gw a\n", "alice", NULL, &s), 0);
	CHECK(!strcmp(s.secret, "a"));
	CHECK_EQ(lookup("bob gw b\nalice gw a\n", NULL, "gw", &s), 0);
	CHECK(!strcmp(s.secret, "b"));
	CHECK_EQ(lookup("alice * a\n", NULL, NULL, &s), 0);
	CHECK(!strcmp(s.secret, "a"));
}

TEST(no_matching_entry_is_enoent_without_a_message)
{
	struct nl_secret s;

	CHECK_EQ(lookup("bob gw b\nalice other a\n", "alice", "gw", &s), -ENOENT);
	CHECK(!captured[0]);
	CHECK_EQ(lookup("", "alice", "gw", &s), -ENOENT);
	CHECK_EQ(lookup("# only a comment\n\n", "alice", "gw", &s), -ENOENT);
}

TEST(names_are_case_sensitive)
{
	struct nl_secret s;

	CHECK_EQ(lookup("Alice gw a\n", "alice", "gw", &s), -ENOENT);
	/* A star inside a name is not a wildcard. */
	CHECK_EQ(lookup("al* gw a\n", "alice", "gw", &s), -ENOENT);
}

TEST(lines_with_fewer_than_three_words_are_skipped)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw\nalice\n* * fallback\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "fallback"));
}

TEST(quoted_escaped_and_empty_secrets)
{
	struct nl_secret s;

	CHECK_EQ(lookup("\"John Smith\" gw \"pass word\"\n", "John Smith", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "pass word"));
	CHECK_EQ(lookup("alice gw 'p#ss' # comment\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "p#ss"));
	CHECK_EQ(lookup("alice gw a\\\"b\\\\c\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "a\"b\\c"));
	CHECK_EQ(s.secret_len, 5);
	CHECK_EQ(lookup("alice gw \"\" 10.0.0.1\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, ""));
	CHECK_EQ(s.secret_len, 0);
	CHECK_EQ(s.naddrs, 1);
}

TEST(continued_lines_are_one_entry)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw \\\n sec 10.0.0.1 \\\n 10.0.0.2\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "sec"));
	CHECK_EQ(s.naddrs, 2);
}

/* ---- addresses -------------------------------------------------------- */

TEST(address_column_is_parsed)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x 10.0.0.1 192.168.0.77/24 !192.168.0.5 *\n",
			"alice", "gw", &s), 0);
	CHECK_EQ(s.naddrs, 4);
	CHECK(!s.no_addrs);
	CHECK_EQ(ntohl(s.addrs[0].addr.s_addr), 0x0a000001);
	CHECK_EQ(s.addrs[0].prefix, 32);
	CHECK(!s.addrs[0].negate && !s.addrs[0].any);
	CHECK_EQ(ntohl(s.addrs[1].addr.s_addr), 0xc0a80000);	/* host bits cleared */
	CHECK_EQ(s.addrs[1].prefix, 24);
	CHECK(s.addrs[2].negate);
	CHECK_EQ(s.addrs[2].prefix, 32);
	CHECK(s.addrs[3].any);
}

TEST(three_word_entry_allows_no_address_as_pppd)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x\n", "alice", "gw", &s), 0);
	CHECK_EQ(s.naddrs, 0);
	CHECK(!s.no_addrs);
	CHECK(!nl_secret_addr_allowed(&s, ip("10.1.2.3")));
	CHECK(nl_secret_addr_allowed(&s, ip("0.0.0.0")));
}

TEST(dash_address_allows_no_address)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x -\n", "alice", "gw", &s), 0);
	CHECK(s.no_addrs);
	CHECK_EQ(s.naddrs, 0);
	CHECK(!nl_secret_addr_allowed(&s, ip("10.1.2.3")));
	/* The peer asking for no address is always fine. */
	CHECK(nl_secret_addr_allowed(&s, ip("0.0.0.0")));
}

TEST(star_address_allows_any)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x *\n", "alice", "gw", &s), 0);
	CHECK(nl_secret_addr_allowed(&s, ip("10.1.2.3")));
	CHECK(nl_secret_addr_allowed(&s, ip("203.0.113.9")));
}

TEST(addresses_and_subnets_allow_what_they_cover)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x 10.0.0.1 192.168.7.0/24 172.16.0.0/12\n",
			"alice", "gw", &s), 0);
	CHECK(nl_secret_addr_allowed(&s, ip("10.0.0.1")));
	CHECK(!nl_secret_addr_allowed(&s, ip("10.0.0.2")));
	CHECK(nl_secret_addr_allowed(&s, ip("192.168.7.200")));
	CHECK(!nl_secret_addr_allowed(&s, ip("192.168.8.1")));
	CHECK(nl_secret_addr_allowed(&s, ip("172.31.255.254")));
	CHECK(!nl_secret_addr_allowed(&s, ip("172.32.0.1")));
}

TEST(negated_addresses_exclude_even_when_listed_last)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x 10.0.0.0/8 !10.9.0.0/16 !10.0.0.1\n",
			"alice", "gw", &s), 0);
	CHECK(nl_secret_addr_allowed(&s, ip("10.1.2.3")));
	CHECK(!nl_secret_addr_allowed(&s, ip("10.9.1.1")));
	CHECK(!nl_secret_addr_allowed(&s, ip("10.0.0.1")));
	/* Only negations: nothing positive matches, so nothing is allowed. */
	CHECK_EQ(lookup("alice gw x !10.0.0.1\n", "alice", "gw", &s), 0);
	CHECK(!nl_secret_addr_allowed(&s, ip("10.0.0.2")));
	CHECK_EQ(lookup("alice gw x * !10.0.0.1\n", "alice", "gw", &s), 0);
	CHECK(nl_secret_addr_allowed(&s, ip("10.0.0.2")));
	CHECK(!nl_secret_addr_allowed(&s, ip("10.0.0.1")));
}

TEST(prefix_zero_covers_everything)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw x 0.0.0.0/0\n", "alice", "gw", &s), 0);
	CHECK(nl_secret_addr_allowed(&s, ip("1.2.3.4")));
}

TEST(bad_address_in_the_chosen_entry_fails_closed_without_echo)
{
	struct nl_secret s;
	static const char *bad[] = {
		"host.example", "10.0.0.1/33", "10.0.0.1/", "10.0.0/8", "!*",
		"10.0.0.0/8+", "10.0.0.1/x",
	};
	char text[200];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "\n\nalice gw x 10.0.0.1 %s\n", bad[i]);
		if (lookup(text, "alice", "gw", &s) != -EINVAL ||
		    count_lines(captured) != 1 || !strstr(captured, "secrets:3:") ||
		    !strstr(captured, "word 5") || strstr(captured, bad[i])) {
			fprintf(stderr, "  address '%s': %s\n", bad[i], captured);
			CHECK(0);
		}
	}
}

TEST(bad_address_in_an_unused_entry_does_no_harm)
{
	struct nl_secret s;

	CHECK_EQ(lookup("bob gw x host.example\nalice gw y 10.0.0.1\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "y"));
	CHECK(!captured[0]);
	/* A broken wildcard entry is outranked by a good exact one. */
	CHECK_EQ(lookup("* * x bad\nalice gw y\n", "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "y"));
}

TEST(unquoted_secret_with_space_is_reported_without_echo)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw correct horse\n", "alice", "gw", &s), -EINVAL);
	CHECK(!strstr(captured, "correct") && !strstr(captured, "horse"));
	CHECK(strstr(captured, "unquoted"));
}

TEST(seventeen_addresses_are_too_many)
{
	struct nl_secret s;
	char text[600] = "alice gw x";
	int i;

	for (i = 1; i <= 16; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), " 10.0.0.%d", i);
	CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
	CHECK_EQ(s.naddrs, 16);
	strcat(text, " 10.0.0.17");
	CHECK_EQ(lookup(text, "alice", "gw", &s), -EINVAL);
	CHECK(strstr(captured, "word 20") && strstr(captured, "16"));
}

TEST(overlong_secret_is_refused_without_echo)
{
	struct nl_secret s;
	char text[400] = "alice gw ";

	memset(text + 9, 'S', 256);
	text[265] = 0;
	CHECK_EQ(lookup(text, "alice", "gw", &s), -EINVAL);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "255") && !strstr(captured, "SSS"));
	text[264] = 0;	/* 255 bytes fit */
	CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
	CHECK_EQ(s.secret_len, 255);
}

TEST(unterminated_quote_fails_the_whole_lookup)
{
	struct nl_secret s;

	CHECK_EQ(lookup("alice gw good\nbob gw \"unclosedsecret\n", "alice", "gw", &s), -EINVAL);
	CHECK(strstr(captured, "secrets:2:") && strstr(captured, "quote"));
	CHECK(!strstr(captured, "unclosedsecret") && !strstr(captured, "good"));
}

/* ---- @file ------------------------------------------------------------ */

TEST(at_file_secret_is_the_first_line_of_that_file)
{
	struct nl_secret s;
	char text[600];

	write_file("secret1", "from-file\nsecond line\n", 0600);
	snprintf(text, sizeof(text), "alice gw @%s 10.0.0.1\n", path_in_tmp("secret1"));
	CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "from-file"));
	CHECK_EQ(s.secret_len, 9);
	CHECK_EQ(s.naddrs, 1);
	write_file("secret1", "crlf\r\n", 0600);
	CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "crlf"));
	write_file("secret1", "no newline", 0600);
	CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "no newline"));
	write_file("secret1", "", 0600);
	CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
	CHECK(!strcmp(s.secret, "") && s.secret_len == 0);
	unlink(path_in_tmp("secret1"));
}

TEST(at_file_errors_are_reported)
{
	struct nl_secret s;
	char text[600], big[400];

	snprintf(text, sizeof(text), "alice gw @%s\n", path_in_tmp("nosuch"));
	CHECK_EQ(lookup(text, "alice", "gw", &s), -ENOENT);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "line 1 of secrets") && strstr(captured, "No such file"));
	CHECK(!strstr(captured, "nosuch") && !strstr(captured, tmpdir));
	CHECK_EQ(lookup("alice gw @/dev/zero\n", "alice", "gw", &s), -EINVAL);
	CHECK(strstr(captured, "regular") && !strstr(captured, "/dev/zero"));
	memset(big, 'B', 300);
	big[300] = 0;
	write_file("secret2", big, 0600);
	snprintf(text, sizeof(text), "alice gw @%s\n", path_in_tmp("secret2"));
	CHECK_EQ(lookup(text, "alice", "gw", &s), -EINVAL);
	CHECK(strstr(captured, "255") && !strstr(captured, "BBB"));
	CHECK(!strstr(captured, "secret2"));
	unlink(path_in_tmp("secret2"));
}

/* pppd reads "@file" for any file; only "@/absolute" names one here. */
TEST(at_without_absolute_path_is_a_literal_secret_never_printed)
{
	static const char *const lit[] = {
		"@s3cretPassw0rd", "@", "@relative/path", "@./file", "@~/file", "@@/etc/x",
	};
	struct nl_secret s;
	char text[600];
	size_t i;

	for (i = 0; i < sizeof(lit) / sizeof(lit[0]); i++) {
		snprintf(text, sizeof(text), "alice gw \"%s\"\n", lit[i]);
		CHECK_EQ(lookup(text, "alice", "gw", &s), 0);
		CHECK(!strcmp(s.secret, lit[i]));
		CHECK_EQ(s.secret_len, strlen(lit[i]));
		if (captured[0] || strcmp(s.secret, lit[i])) {
			fprintf(stderr, "  secret '%s' logged '%s'\n", lit[i], captured);
			test_cur_failed = 1;
		}
	}
}

/* Even an absolute @path is not printed: it may be a mistyped secret. */
TEST(unreadable_at_file_message_names_the_line_not_the_path)
{
	struct nl_secret s;

	CHECK_EQ(lookup("# a comment\nalice gw @/s3cretPassw0rd 10.0.0.1\n",
			"alice", "gw", &s), -ENOENT);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "the @file named on line 2 of secrets cannot be read"));
	CHECK(strstr(captured, "No such file or directory"));
	CHECK(!strstr(captured, "s3cret") && !strstr(captured, "Passw0rd"));
}

/* ---- the file itself ---------------------------------------------------- */

TEST(lookup_reads_a_root_owned_mode_600_file)
{
	struct nl_secret s;
	const char *path = write_file("chap-secrets", "alice gw s3cret *\n", 0600);
	int r;

	if (geteuid() != 0) {
		printf("  (not root: a file we own is refused, as it should be)\n");
		return;
	}
	CHECK_EQ(chown(path, 0, 0), 0);
	capture_begin();
	r = nl_secrets_lookup(path, "alice", "gw", &s);
	capture_end();
	CHECK_EQ(r, 0);
	CHECK(!strcmp(s.secret, "s3cret"));
	CHECK(!captured[0]);
	/* Group-readable is allowed; only "others" bits are refused. */
	chmod(path, 0640);
	capture_begin();
	r = nl_secrets_lookup(path, "alice", "gw", &s);
	capture_end();
	CHECK_EQ(r, 0);
}

static void check_refused(const char *path, int want)
{
	struct nl_secret s;
	int r;

	capture_begin();
	r = nl_secrets_lookup(path, "alice", "gw", &s);
	capture_end();
	CHECK_EQ(r, want);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, path) != NULL);
	CHECK(!strstr(captured, "s3cret"));
}

TEST(lookup_refuses_a_file_others_may_read_or_write)
{
	const char *path = write_file("chap-secrets", "alice gw s3cret *\n", 0644);

	check_refused(path, -EPERM);
	CHECK(strstr(captured, "chmod 600"));
	chmod(path, 0602);
	check_refused(path, -EPERM);
	chmod(path, 0604);
	check_refused(path, -EPERM);
}

TEST(lookup_refuses_a_file_not_owned_by_root)
{
	const char *path = write_file("chap-secrets", "alice gw s3cret *\n", 0600);

	if (geteuid() == 0)
		CHECK_EQ(chown(path, 65534, 65534), 0);
	check_refused(path, -EPERM);
	CHECK(strstr(captured, "owned by root"));
}

TEST(lookup_of_a_missing_file_is_enoent_with_a_message)
{
	check_refused(path_in_tmp("pap-secrets"), -ENOENT);
}

TEST(lookup_refuses_a_directory)
{
	check_refused(tmpdir, -EINVAL);
}

TEST(wipe_clears_everything)
{
	struct nl_secret s, zero;

	CHECK_EQ(lookup("alice gw s3cret 10.0.0.1\n", "alice", "gw", &s), 0);
	nl_secret_wipe(&s);
	memset(&zero, 0, sizeof(zero));
	CHECK(!memcmp(&s, &zero, sizeof(s)));
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}

	RUN(exact_client_and_server_beat_any_wildcard);
	RUN(one_wildcard_beats_two);
	RUN(first_of_equally_good_entries_wins);
	RUN(wildcard_entries_match_any_name);
	RUN(null_query_names_match_any_entry);
	RUN(no_matching_entry_is_enoent_without_a_message);
	RUN(names_are_case_sensitive);
	RUN(lines_with_fewer_than_three_words_are_skipped);
	RUN(quoted_escaped_and_empty_secrets);
	RUN(continued_lines_are_one_entry);
	RUN(address_column_is_parsed);
	RUN(three_word_entry_allows_no_address_as_pppd);
	RUN(dash_address_allows_no_address);
	RUN(star_address_allows_any);
	RUN(addresses_and_subnets_allow_what_they_cover);
	RUN(negated_addresses_exclude_even_when_listed_last);
	RUN(prefix_zero_covers_everything);
	RUN(bad_address_in_the_chosen_entry_fails_closed_without_echo);
	RUN(bad_address_in_an_unused_entry_does_no_harm);
	RUN(unquoted_secret_with_space_is_reported_without_echo);
	RUN(seventeen_addresses_are_too_many);
	RUN(overlong_secret_is_refused_without_echo);
	RUN(unterminated_quote_fails_the_whole_lookup);
	RUN(at_file_secret_is_the_first_line_of_that_file);
	RUN(at_file_errors_are_reported);
	RUN(at_without_absolute_path_is_a_literal_secret_never_printed);
	RUN(unreadable_at_file_message_names_the_line_not_the_path);
	RUN(lookup_reads_a_root_owned_mode_600_file);
	RUN(lookup_refuses_a_file_others_may_read_or_write);
	RUN(lookup_refuses_a_file_not_owned_by_root);
	RUN(lookup_of_a_missing_file_is_enoent_with_a_message);
	RUN(lookup_refuses_a_directory);
	RUN(wipe_clears_everything);

	unlink(path_in_tmp("chap-secrets"));
	rmdir(tmpdir);
	return test_summary();
}
