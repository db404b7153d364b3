// SPDX-License-Identifier: GPL-2.0
/* The pppd-compatible options parser: words, options, sources, messages. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "config.h"
#include "test.h"

static char tmpdir[] = "/tmp/nlppp-options-XXXXXX";
static char etcdir[300], homedir[300];

/* ---- helpers ---------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[700];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void remove_file(const char *dir, const char *name)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

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

static int parse(struct nl_config *c, const char *text)
{
	return nl_config_parse_text(c, text, strlen(text), "test.conf", 0);
}

/* Parse @text from defaults into @c; expect success and silence. */
static int parse_ok(struct nl_config *c, const char *text)
{
	int r;

	nl_config_defaults(c);
	capture_begin();
	r = parse(c, text);
	capture_end();
	if (r || captured[0])
		fprintf(stderr, "  parsing '%s' gave %d: %s\n", text, r, captured);
	return r || captured[0] ? -1 : 0;
}

/*
 * Parsing @text must fail with -EINVAL and exactly one line on stderr that
 * contains every needle (NULL-terminated list).
 */
static bool fails_with(const char *text, ...)
{
	struct nl_config c;
	const char *needle;
	bool ok;
	va_list ap;
	int r;

	nl_config_defaults(&c);
	capture_begin();
	r = parse(&c, text);
	capture_end();
	ok = r == -EINVAL && count_lines(captured) == 1 &&
	     !strncmp(captured, "nlpppd: ", 8);
	va_start(ap, text);
	while ((needle = va_arg(ap, const char *)))
		if (!strstr(captured, needle))
			ok = false;
	va_end(ap);
	if (!ok)
		fprintf(stderr, "  '%s' gave %d and: %s\n", text, r, captured);
	return ok;
}

/* Parses, then nl_config_check refuses with one line holding every needle. */
static bool check_fails_with(const char *text, ...)
{
	struct nl_config c;
	const char *needle;
	bool ok;
	va_list ap;
	int r;

	nl_config_defaults(&c);
	capture_begin();
	r = parse(&c, text);
	if (!r)
		r = nl_config_check(&c);
	capture_end();
	ok = r == -EINVAL && count_lines(captured) == 1 && !strncmp(captured, "nlpppd: ", 8);
	va_start(ap, text);
	while ((needle = va_arg(ap, const char *)))
		if (!strstr(captured, needle))
			ok = false;
	va_end(ap);
	if (!ok)
		fprintf(stderr, "  '%s' gave %d and: %s\n", text, r, captured);
	return ok;
}

static int run_argv(struct nl_config *c, const char *first, ...)
{
	char *argv[32] = { "nlpppd" };
	const char *a;
	int argc = 1, r;
	va_list ap;

	va_start(ap, first);
	for (a = first; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	nl_config_defaults(c);
	capture_begin();
	r = nl_config_parse_argv(c, argc, argv);
	capture_end();
	return r;
}

static void clean_etc(void)
{
	static const char *names[] = {
		"options", "options.ttyS0", "options.pts.3", "options.null",
		"peers/isp", "peers/sub/isp", "peers/loop", "loop1", "loop2",
		"nested", "inc",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		remove_file(etcdir, names[i]);
	remove_file(homedir, ".ppprc");
}

/* ---- defaults --------------------------------------------------------- */

TEST(defaults_are_pppds)
{
	struct nl_config c;

	unsetenv("NLPPPD_ETC");
	nl_config_defaults(&c);
	setenv("NLPPPD_ETC", etcdir, 1);
	CHECK_EQ(c.lcp.restart, 3);
	CHECK_EQ(c.lcp.max_configure, 10);
	CHECK_EQ(c.lcp.max_terminate, 3);
	CHECK_EQ(c.lcp.max_failure, 5);
	CHECK_EQ(c.ipcp.max_failure, 10);
	CHECK_EQ(c.ipv6cp.max_failure, 10);
	CHECK_EQ(c.ipcp.restart, 3);
	CHECK_EQ(c.pap_restart, 3);
	CHECK_EQ(c.pap_max_authreq, 10);
	CHECK_EQ(c.pap_timeout, 30);
	CHECK_EQ(c.chap_restart, 3);
	CHECK_EQ(c.chap_max_challenge, 10);
	CHECK_EQ(c.maxfail, 10);
	CHECK_EQ(c.unit, -1);
	CHECK_EQ(c.mru, 0);
	CHECK_EQ(c.dataplane, NL_DP_AUTO);
	CHECK(!c.local && !c.lock && !c.auth && !c.ipv6 && !c.persist);
	CHECK(!strcmp(c.etc_ppp, "/etc/ppp"));
	CHECK(!strcmp(c.run_dir, "/run"));
	CHECK(!strcmp(c.lock_dir, "/var/lock"));
	CHECK(!c.device[0] && !c.pty_cmd[0] && !c.password[0]);
	CHECK(!c.novj && !c.novjccomp);	/* VJ on, 16 slots, slot-id compression */
	CHECK_EQ(c.vj_max_slots, 16);
}

TEST(defaults_take_etc_dir_from_NLPPPD_ETC)
{
	struct nl_config c;

	setenv("NLPPPD_ETC", "/some/where", 1);
	nl_config_defaults(&c);
	CHECK(!strcmp(c.etc_ppp, "/some/where"));
	setenv("NLPPPD_ETC", etcdir, 1);
}

/* ---- every option sets its field -------------------------------------- */

TEST(each_flag_option_sets_its_field)
{
	static const struct {
		const char *text;
		size_t off;
		bool value;
	} t[] = {
#define B(txt, f, v) { txt, offsetof(struct nl_config, f), v }
		B("notty", notty, true),
		B("novj", novj, true),
		B("-vj", novj, true),
		B("novjccomp", novjccomp, true),
		B("-vjccomp", novjccomp, true),
		B("crtscts", crtscts, true),
		B("crtscts nocrtscts", crtscts, false),
		B("crtscts -crtscts", crtscts, false),
		B("xonxoff", xonxoff, true),
		B("local", local, true),
		B("local modem", local, false),
		B("lock", lock, true),
		B("lock nolock", lock, false),
		B("nodetach", nodetach, true),
		B("updetach", updetach, true),
		B("up_sdnotify", up_sdnotify, true),
		B("up_sdnotify", nodetach, true),
		B("persist", persist, true),
		B("persist nopersist", persist, false),
		B("dryrun", dryrun, true),
		B("dump", dump, true),
		B("noaccomp", noaccomp, true),
		B("-ac", noaccomp, true),
		B("nopcomp", nopcomp, true),
		B("-pc", nopcomp, true),
		B("nomagic", nomagic, true),
		B("-mn", nomagic, true),
		B("passive", passive, true),
		B("silent", silent, true),
		B("noipdefault", noipdefault, true),
		B("ipcp-accept-local", ipcp_accept_local, true),
		B("ipcp-accept-remote", ipcp_accept_remote, true),
		B("noip", noip, true),
		B("-ip", noip, true),
		B("defaultroute", defaultroute, true),
		B("defaultroute nodefaultroute", defaultroute, false),
		B("replacedefaultroute", replacedefaultroute, true),
		B("replacedefaultroute nodefaultroute", replacedefaultroute, false),
		B("usepeerdns", usepeerdns, true),
		B("+ipv6", ipv6, true),
		B("+ipv6 noipv6", ipv6, false),
		B("+ipv6 -ipv6", ipv6, false),
		B("ipv6cp-accept-local", ipv6cp_accept_local, true),
		B("auth", auth, true),
		B("auth noauth", auth, false),
		B("require-pap", require_pap, true),
		B("require-pap", auth, true),
		B("require-chap", require_chap, true),
		B("require-chap", auth, true),
		B("refuse-pap", refuse_pap, true),
		B("refuse-chap", refuse_chap, true),
		B("debug", debug, true),
		B("debug nodebug", debug, false),
#undef B
	};
	struct nl_config c;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (parse_ok(&c, t[i].text)) {
			CHECK(!"parses");
			continue;
		}
		if (*(bool *)((char *)&c + t[i].off) != t[i].value) {
			fprintf(stderr, "  '%s' did not set its field to %d\n",
				t[i].text, t[i].value);
			CHECK(0);
		}
	}
}

TEST(each_number_option_sets_its_field)
{
	static const struct {
		const char *text;
		size_t off;
		unsigned int value;
	} t[] = {
#define N(txt, f, v) { txt, offsetof(struct nl_config, f), v }
		N("maxfail 0", maxfail, 0),
		N("maxfail 3", maxfail, 3),
		N("holdoff 30", holdoff, 30),
		N("idle 600", idle, 600),
		N("maxconnect 3600", maxconnect, 3600),
		N("mru 1400", mru, 1400),
		N("mru 128", mru, 128),
		N("vj-max-slots 2", vj_max_slots, 2),
		N("vj-max-slots 4", vj_max_slots, 4),
		N("vj-max-slots 16", vj_max_slots, 16),
		N("mtu 16384", mtu, 16384),
		N("lcp-echo-interval 30", lcp_echo_interval, 30),
		N("lcp-echo-failure 4", lcp_echo_failure, 4),
		N("lcp-restart 7", lcp.restart, 7),
		N("lcp-max-configure 11", lcp.max_configure, 11),
		N("lcp-max-failure 12", lcp.max_failure, 12),
		N("lcp-max-terminate 13", lcp.max_terminate, 13),
		N("ipcp-restart 7", ipcp.restart, 7),
		N("ipcp-max-configure 11", ipcp.max_configure, 11),
		N("ipcp-max-failure 12", ipcp.max_failure, 12),
		N("ipcp-max-terminate 13", ipcp.max_terminate, 13),
		N("ipv6cp-restart 7", ipv6cp.restart, 7),
		N("ipv6cp-max-configure 11", ipv6cp.max_configure, 11),
		N("ipv6cp-max-failure 12", ipv6cp.max_failure, 12),
		N("ipv6cp-max-terminate 13", ipv6cp.max_terminate, 13),
		N("pap-restart 5", pap_restart, 5),
		N("pap-max-authreq 6", pap_max_authreq, 6),
		N("pap-timeout 60", pap_timeout, 60),
		N("chap-restart 5", chap_restart, 5),
		N("chap-max-challenge 6", chap_max_challenge, 6),
		N("chap-interval 120", chap_interval, 120),
		N("kdebug 0", kdebug, 0),
		N("lcp-echo-interval 0x1e", lcp_echo_interval, 30),
		N("lcp-echo-interval 010", lcp_echo_interval, 8),
		N("19200", speed, 19200),
		N("115200", speed, 115200),
#undef N
	};
	struct nl_config c;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (parse_ok(&c, t[i].text)) {
			CHECK(!"parses");
			continue;
		}
		if (*(unsigned int *)((char *)&c + t[i].off) != t[i].value) {
			fprintf(stderr, "  '%s' did not set its field to %u\n",
				t[i].text, t[i].value);
			CHECK(0);
		}
	}
	CHECK(!parse_ok(&c, "unit 3"));
	CHECK_EQ(c.unit, 3);
}

TEST(each_string_option_sets_its_field)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "user alice password s3cret name me remotename isp "
			    "ipparam wan0 linkname dsl ifname wan0 logfile /tmp/x.log "
			    "pty 'ssh host pppd notty'"));
	CHECK(!strcmp(c.user, "alice"));
	CHECK(!strcmp(c.password, "s3cret"));
	CHECK(!strcmp(c.name, "me"));
	CHECK(!strcmp(c.remotename, "isp"));
	CHECK(!strcmp(c.ipparam, "wan0"));
	CHECK(!strcmp(c.linkname, "dsl"));
	CHECK(!strcmp(c.ifname, "wan0"));
	CHECK(!strcmp(c.logfile, "/tmp/x.log"));
	CHECK(!strcmp(c.pty_cmd, "ssh host pppd notty"));
}

TEST(dataplane_accepts_auto_kernel_user_only)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "dataplane kernel"));
	CHECK_EQ(c.dataplane, NL_DP_KERNEL);
	CHECK(!parse_ok(&c, "dataplane user"));
	CHECK_EQ(c.dataplane, NL_DP_USER);
	CHECK(!parse_ok(&c, "dataplane user dataplane auto"));
	CHECK_EQ(c.dataplane, NL_DP_AUTO);
	CHECK(fails_with("dataplane fast", "'dataplane'", "'fast'", "auto, kernel or user", NULL));
}

TEST(noauth_after_require_pap_requires_nothing_like_pppd)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "require-pap require-chap noauth"));
	CHECK(!c.auth && !c.require_pap && !c.require_chap);
	CHECK(!parse_ok(&c, "noauth require-pap"));
	CHECK(c.auth && c.require_pap && !c.require_chap);
	CHECK(!parse_ok(&c, "require-pap refuse-pap"));
	CHECK(c.require_pap && c.refuse_pap);
}

TEST(last_flow_control_option_wins)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "crtscts xonxoff"));
	CHECK(!c.crtscts && c.xonxoff);
	CHECK(!parse_ok(&c, "xonxoff crtscts"));
	CHECK(c.crtscts && !c.xonxoff);
	CHECK(!parse_ok(&c, "xonxoff nocrtscts"));
	CHECK(!c.crtscts && !c.xonxoff);
}

TEST(hide_password_is_accepted_and_show_password_warns_but_changes_nothing)
{
	struct nl_config c, d;
	int r;

	CHECK(!parse_ok(&c, "hide-password"));
	nl_config_defaults(&d);
	CHECK(!memcmp(&c, &d, sizeof(c)));
	nl_config_defaults(&c);
	capture_begin();
	r = parse(&c, "show-password");
	capture_end();
	CHECK_EQ(r, 0);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "show-password") && strstr(captured, "never"));
	CHECK(!memcmp(&c, &d, sizeof(c)));
}

TEST(debian_default_options_file_parses)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "# /etc/ppp/options\nasyncmap 0\nauth\ncrtscts\nlock\n"
			    "hide-password\nmodem\nlcp-echo-interval 30\n"
			    "lcp-echo-failure 4\nnoipx\n"));
	CHECK(c.auth && c.crtscts && c.lock && !c.local && c.asyncmap_set);
	CHECK_EQ(c.lcp_echo_interval, 30);
	CHECK_EQ(c.lcp_echo_failure, 4);
}

TEST(pppd_options_nlpppd_lacks_are_named_as_unsupported)
{
	CHECK(check_fails_with("connect '/usr/sbin/chat -f x'", "'connect'", "not support", NULL));
	CHECK(fails_with("proxyarp", "'proxyarp'", "not support", NULL));
}

/* ---- PPPoE ------------------------------------------------------------ */

TEST(pppoe_pppoeconf_peers_file_is_accepted_unchanged)
{
	struct nl_config c;

	/* "lo" exists everywhere: the plugin claims a word naming an interface. */
	CHECK(!parse_ok(&c, "noipdefault\nusepeerdns\ndefaultroute\nhide-password\n"
			    "lcp-echo-interval 20\nlcp-echo-failure 3\nconnect /bin/true\n"
			    "noauth\npersist\nmtu 1492\nnoaccomp\ndefault-asyncmap\n"
			    "plugin rp-pppoe.so lo\nuser \"bob@isp\"\n"));
	CHECK(!strcmp(c.pppoe.iface, "lo") && c.pppoe.plugin && c.pppoe.connect);
	CHECK(c.default_asyncmap && c.noaccomp && c.persist && !strcmp(c.user, "bob@isp"));
	CHECK_EQ(nl_config_check(&c), 0);
}

TEST(pppoe_device_words_and_plugin_options_in_both_spellings)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "PPPoE:eth3:my-isp"));
	CHECK(!strcmp(c.pppoe.iface, "eth3") && !strcmp(c.pppoe.service, "my-isp"));
	CHECK(!parse_ok(&c, "pppoe:eth4"));
	CHECK(!strcmp(c.pppoe.iface, "eth4") && !c.pppoe.service[0]);
	CHECK(!parse_ok(&c, "plugin /usr/lib/pppd/2.4.9/pppoe.so nic-eth0 rp_pppoe_service s1 "
			    "rp_pppoe_ac ac1 rp_pppoe_mac 00:11:22:33:44:55 host-uniq 0a0b "
			    "pppoe-padi-timeout 2 pppoe-padi-attempts 7 rp_pppoe_verbose 1"));
	CHECK(!strcmp(c.pppoe.iface, "eth0") && !strcmp(c.pppoe.service, "s1"));
	CHECK(!strcmp(c.pppoe.ac, "ac1") && !strcmp(c.pppoe.mac, "00:11:22:33:44:55"));
	CHECK(!strcmp(c.pppoe.host_uniq, "0a0b"));
	CHECK_EQ(c.pppoe.padi_timeout, 2);
	CHECK_EQ(c.pppoe.padi_attempts, 7);
	CHECK(!parse_ok(&c, "nic-eth1 pppoe-sess 4660:02:00:00:00:00:01 pppoe-service a "
			    "pppoe-ac b pppoe-mac 02:00:00:00:00:09 pppoe-host-uniq ff"));
	CHECK(!strcmp(c.pppoe.sess, "4660:02:00:00:00:00:01"));
}

TEST(pppoe_bad_values_are_refused_in_one_line)
{
	CHECK(fails_with("plugin pppol2tp.so", "'plugin'", "built in", NULL));
	CHECK(fails_with("pppoe-mac 00:11:22", "'pppoe-mac'", NULL));
	CHECK(fails_with("host-uniq abc", "'host-uniq'", NULL));
	CHECK(fails_with("pppoe-sess 0:00:11:22:33:44:55", "'pppoe-sess'", NULL));
	CHECK(fails_with("pppoe-sess 65535:00:11:22:33:44:55", "'pppoe-sess'", NULL));
	CHECK(fails_with("pppoe-padi-attempts 0", "'pppoe-padi-attempts'", NULL));
	CHECK(fails_with("listen pppoe:", "'listen'", "pppoe:IFACE", NULL));
	CHECK(fails_with("PPPoE:a/b", "not an Ethernet interface", NULL));
	/* Without the plugin line a bare interface name is not a device. */
	CHECK(fails_with("lo", "unrecognized option 'lo'", NULL));
	CHECK(check_fails_with("nic-eth0 /dev/ttyS0", "PPPoE", NULL));
}

/* nlppp.ko carries PPPoE sessions: the kernel plane is allowed at both ends. */
TEST(pppoe_client_and_server_run_on_the_kernel_plane)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "nic-eth0 dataplane kernel") && nl_config_check(&c) == 0);
	CHECK(!parse_ok(&c, "listen pppoe:eth0 dataplane kernel") && nl_config_check(&c) == 0);
}

TEST(pppoe_listen_takes_several_interfaces_and_server_options)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "listen pppoe:eth1 listen pppoe:eth2 listen pppoe:eth1 "
			    "pppoe-ac-name ac pppoe-service-name a pppoe-service-name b "
			    "pppoe-padi-limit 100 pppoe-pado-delay 250 pppoe-max-sessions-per-mac 3 "
			    "remote-ip-pool 10.0.0.0/24"));
	CHECK_EQ(c.pppoe.nlisten, 2);
	CHECK(!strcmp(c.pppoe.listen[0], "eth1") && !strcmp(c.pppoe.listen[1], "eth2"));
	CHECK_EQ(c.pppoe.nservices, 2);
	CHECK_EQ(c.pppoe.padi_limit, 100);
	CHECK_EQ(c.pppoe.pado_delay, 250);
	CHECK_EQ(c.max_per_source, 3);
	CHECK(!strcmp(c.pppoe.ac_name, "ac"));
	CHECK_EQ(nl_config_check(&c), 0);
	CHECK(check_fails_with("listen pppoe:eth1 listen 7000", "not both", NULL));
}

/* ---- words ------------------------------------------------------------ */

TEST(words_split_on_whitespace_and_skip_comments)
{
	struct nl_words w;
	char buf[64];
	const char *text = "  one\ttwo # a comment\n\n three#four\r\nfive";

	nl_words_init(&w, text, strlen(text));
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "one") && w.newline && w.word_line == 1);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "two") && !w.newline);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "three") && w.newline && w.word_line == 3);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "five") && w.newline && w.word_line == 4);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 0);
}

TEST(words_honour_quotes_and_escapes)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "\"two words\"", "two words" },
		{ "'single # not a comment'", "single # not a comment" },
		{ "ab\"c d\"ef", "abc def" },
		{ "\"it's\"", "it's" },
		{ "'say \"hi\"'", "say \"hi\"" },
		{ "a\\ b", "a b" },
		{ "\\\"", "\"" },
		{ "\\\\", "\\" },
		{ "\\#x", "#x" },
		{ "a\\tb\\nc\\sd", "a\tb\nc d" },
		{ "\\101\\102", "AB" },
		{ "\\x41\\x4a", "AJ" },
		{ "\"a\\\"b\"", "a\"b" },
		{ "con\\\ntinued", "continued" },
		{ "\"\"", "" },
		{ "\"line\nbreak\"", "line\nbreak" },
	};
	struct nl_words w;
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		nl_words_init(&w, t[i].in, strlen(t[i].in));
		if (nl_words_next(&w, buf, sizeof(buf)) != 1 || strcmp(buf, t[i].out) ||
		    nl_words_next(&w, buf, sizeof(buf)) != 0) {
			fprintf(stderr, "  word '%s' parsed wrong\n", t[i].in);
			CHECK(0);
		}
	}
}

TEST(words_continuation_between_words_does_not_start_a_line)
{
	struct nl_words w;
	char buf[64];
	const char *text = "a \\\n b\nc";

	nl_words_init(&w, text, strlen(text));
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "b") && !w.newline);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "c") && w.newline && w.word_line == 3);
}

TEST(words_reject_unterminated_quote_nul_and_overlong_words)
{
	struct nl_words w;
	char buf[8];

	nl_words_init(&w, "\"open", 5);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), -EINVAL);
	nl_words_init(&w, "a\0b", 3);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), -EILSEQ);
	nl_words_init(&w, "a\\000", 5);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), -EILSEQ);
	nl_words_init(&w, "12345678", 8);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), -E2BIG);
	nl_words_init(&w, "1234567", 7);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
}

TEST(words_stop_at_the_given_length)
{
	struct nl_words w;
	char buf[16];
	/* Not NUL-terminated after "ab": the scanner must not read past 2. */
	const char text[4] = { 'a', 'b', 'c', 'd' };

	nl_words_init(&w, text, 2);
	CHECK_EQ(nl_words_next(&w, buf, sizeof(buf)), 1);
	CHECK(!strcmp(buf, "ab"));
}

TEST(options_file_quoting_comments_and_lines)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "# comment\nuser \"John Smith\" # trailing\n"
			    "password 'p#ss word'\nname me\\ too\nmru\n1400\n"));
	CHECK(!strcmp(c.user, "John Smith"));
	CHECK(!strcmp(c.password, "p#ss word"));
	CHECK(!strcmp(c.name, "me too"));
	CHECK_EQ(c.mru, 1400);
	CHECK(!parse_ok(&c, "user \"\""));
	CHECK(!strcmp(c.user, ""));
}

TEST(unterminated_quote_is_reported_with_its_line)
{
	CHECK(fails_with("debug\nuser \"alice\n", "test.conf:2:", "quote", NULL));
}

TEST(nul_byte_in_options_file_is_an_error)
{
	struct nl_config c;
	int r;

	nl_config_defaults(&c);
	capture_begin();
	r = nl_config_parse_text(&c, "debug\0x", 7, "bin", 0);
	capture_end();
	CHECK_EQ(r, -EINVAL);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "NUL"));
}

/* ---- values ----------------------------------------------------------- */

TEST(unknown_option_is_one_line_naming_it_and_its_place)
{
	CHECK(fails_with("debug\n\nfrobnicate 3\n", "test.conf:3:",
			 "unrecognized option 'frobnicate'", NULL));
}

TEST(bad_numbers_are_rejected_with_the_range)
{
	CHECK(fails_with("mru abc", "option 'mru'", "'abc'", "128..16384", NULL));
	CHECK(fails_with("mru 127", "option 'mru'", "'127'", NULL));
	CHECK(fails_with("mru 16385", "option 'mru'", NULL));
	CHECK(fails_with("vj-max-slots 1", "option 'vj-max-slots'", "2..16", NULL));
	CHECK(fails_with("vj-max-slots 17", "option 'vj-max-slots'", "'17'", NULL));
	CHECK(fails_with("vj-max-slots x", "option 'vj-max-slots'", NULL));
	CHECK(fails_with("mtu 1500x", "option 'mtu'", "'1500x'", NULL));
	CHECK(fails_with("maxfail -1", "option 'maxfail'", NULL));
	CHECK(fails_with("maxfail +1", "option 'maxfail'", NULL));
	CHECK(fails_with("maxfail ' 1'", "option 'maxfail'", NULL));
	CHECK(fails_with("holdoff 99999999999999999999", "option 'holdoff'", NULL));
	CHECK(fails_with("lcp-restart 0", "option 'lcp-restart'", "1..", NULL));
	CHECK(fails_with("lcp-echo-interval 08", "lcp-echo-interval", NULL));
	CHECK(fails_with("lcp-echo-interval 0x", "lcp-echo-interval", NULL));
	CHECK(fails_with("unit -1", "option 'unit'", NULL));
	CHECK(fails_with("kdebug 256", "option 'kdebug'", NULL));
	/* No per-link module debug yet: refused with a message, not ignored. */
	CHECK(fails_with("kdebug 7", "option 'kdebug'", "no per-link debug", NULL));
	CHECK(fails_with("99999999999", "speed", NULL));
}

TEST(missing_argument_says_so)
{
	CHECK(fails_with("mru", "option 'mru' requires an argument", "128..16384", NULL));
	CHECK(fails_with("debug user", "option 'user' requires an argument", NULL));
	CHECK(fails_with("password", "option 'password' requires an argument", NULL));
}

TEST(password_is_never_echoed_in_messages)
{
	char text[400];

	strcpy(text, "password ");
	memset(text + 9, 'Q', 300);
	text[309] = 0;
	CHECK(fails_with(text, "option 'password'", "too long", NULL));
	CHECK(!strstr(captured, "QQQ"));
}

TEST(overlong_strings_are_rejected)
{
	char text[400];

	strcpy(text, "user ");
	memset(text + 5, 'u', 256);
	text[261] = 0;
	CHECK(fails_with(text, "option 'user'", "at most 255", NULL));
}

TEST(asyncmap_values_are_ored_and_take_optional_0x)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "asyncmap 20000 asyncmap 0x1 asyncmap 0"));
	CHECK_EQ(c.asyncmap, 0x20001);
	CHECK(c.asyncmap_set);
	CHECK(!parse_ok(&c, "asyncmap ffffffff"));
	CHECK_EQ(c.asyncmap, 0xffffffffu);
	CHECK(!parse_ok(&c, "asyncmap 0"));
	CHECK(c.asyncmap_set && c.asyncmap == 0);
	CHECK(fails_with("asyncmap 1ffffffff", "option 'asyncmap'", NULL));
	CHECK(fails_with("asyncmap xyz", "option 'asyncmap'", "'xyz'", NULL));
	CHECK(fails_with("asyncmap 0x", "option 'asyncmap'", NULL));
}

TEST(escape_sets_bits_for_each_listed_byte)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "escape 11,13,ff escape 0x7e"));
	CHECK_EQ(c.escape[0], (1u << 0x11) | (1u << 0x13));
	CHECK_EQ(c.escape[3], 1u << (0x7e - 96));
	CHECK_EQ(c.escape[7], 1u << 31);
	CHECK_EQ(c.escape[1] | c.escape[2] | c.escape[4] | c.escape[5] | c.escape[6], 0);
}

TEST(escape_rejects_printables_pppd_forbids_and_bad_lists)
{
	struct nl_config c;

	CHECK(fails_with("escape 20", "option 'escape'", "0x20", NULL));
	CHECK(fails_with("escape 11,3f", "option 'escape'", "0x3f", NULL));
	CHECK(fails_with("escape 5e", "option 'escape'", NULL));
	CHECK(fails_with("escape 11,,13", "option 'escape'", NULL));
	CHECK(fails_with("escape 11,", "option 'escape'", NULL));
	CHECK(fails_with("escape 100", "option 'escape'", NULL));
	CHECK(fails_with("escape zz", "option 'escape'", NULL));
	/* A rejected list changes nothing, not even its valid part. */
	nl_config_defaults(&c);
	capture_begin();
	parse(&c, "escape 11,20");
	capture_end();
	CHECK_EQ(c.escape[0], 0);
	CHECK(!parse_ok(&c, "escape 40,5d,5f,7d"));
}

TEST(ip_pairs_set_local_and_or_remote)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "10.0.0.1:10.0.0.2"));
	CHECK_EQ(ntohl(c.local_ip.s_addr), 0x0a000001);
	CHECK_EQ(ntohl(c.remote_ip.s_addr), 0x0a000002);
	CHECK(!parse_ok(&c, "192.168.1.1:"));
	CHECK_EQ(ntohl(c.local_ip.s_addr), 0xc0a80101);
	CHECK_EQ(c.remote_ip.s_addr, 0);
	CHECK(!parse_ok(&c, ":192.168.1.2"));
	CHECK_EQ(c.local_ip.s_addr, 0);
	CHECK_EQ(ntohl(c.remote_ip.s_addr), 0xc0a80102);
	CHECK(!parse_ok(&c, ":"));
	CHECK(!parse_ok(&c, "10.0.0.1: :10.0.0.2"));
	CHECK(c.local_ip.s_addr && c.remote_ip.s_addr);
}

TEST(remote_ip_pool_takes_a_prefix_or_a_range)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "remote-ip-pool 10.64.0.0/16"));
	CHECK_EQ(c.pool_first, 0x0a400001);	/* not the network address */
	CHECK_EQ(c.pool_last, 0x0a40fffe);	/* nor the broadcast */
	CHECK(!parse_ok(&c, "remote-ip-pool 10.1.2.3/32"));
	CHECK_EQ(c.pool_first, 0x0a010203);
	CHECK_EQ(c.pool_last, 0x0a010203);
	CHECK(!parse_ok(&c, "remote-ip-pool 10.0.0.10-10.0.0.20"));
	CHECK_EQ(c.pool_first, 0x0a00000a);
	CHECK_EQ(c.pool_last, 0x0a000014);
	CHECK(fails_with("remote-ip-pool 10.0.0.20-10.0.0.10", "'remote-ip-pool'", NULL));
	CHECK(fails_with("remote-ip-pool 10.0.0.0/7", "'remote-ip-pool'", NULL));
	CHECK(fails_with("remote-ip-pool 10.0.0.0/33", "'remote-ip-pool'", NULL));
	CHECK(fails_with("remote-ip-pool 10.0.0/8", "'remote-ip-pool'", NULL));
	CHECK(fails_with("remote-ip-pool 10.0.0.1", "'remote-ip-pool'", NULL));
	CHECK(fails_with("remote-ip-pool 1.0.0.0-2.0.0.0", "'remote-ip-pool'", NULL));
}

/* nl_config_check on @text: 0, or -EINVAL with one line naming @needle. */
static bool check_refuses(const char *text, const char *needle)
{
	struct nl_config c;
	int r;

	if (parse_ok(&c, text))
		return false;
	capture_begin();
	r = nl_config_check(&c);
	capture_end();
	if (r != -EINVAL || count_lines(captured) != 1 || !strstr(captured, needle)) {
		fprintf(stderr, "  check of '%s' gave %d: %s\n", text, r, captured);
		return false;
	}
	return true;
}

TEST(tcp_options_refuse_what_cannot_work_together)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "listen 7000 remote-ip-pool 10.64.0.0/24 max-sessions 10"));
	CHECK_EQ(nl_config_check(&c), 0);
	CHECK(check_refuses("listen 7000 notty", "'listen'"));
	CHECK(check_refuses("listen 7000 socket 10.0.0.1:7000", "'listen'"));
	CHECK(check_refuses("socket 10.0.0.1:7000 pty cat", "'socket'"));
	CHECK(check_refuses("remote-ip-pool 10.64.0.0/24", "'listen'"));
	CHECK(check_refuses("listen 7000 dataplane kernel", "user data plane"));
	CHECK(check_refuses("socket 10.0.0.1:7000 dataplane kernel", "user data plane"));
}

TEST(bad_ip_pairs_are_rejected)
{
	CHECK(fails_with("10.0.0:10.0.0.2", "'10.0.0:10.0.0.2'", "IPv4", NULL));
	CHECK(fails_with("10.0.0.1:10.0.0.256", "IPv4", NULL));
	CHECK(fails_with("host.example:", "IPv4", NULL));
	CHECK(fails_with("1.2.3.4:5.6.7.8:9", "IPv4", NULL));
	CHECK(fails_with("0.0.0.0:10.0.0.2", "IPv4", NULL));
	CHECK(fails_with("224.0.0.1:", "IPv4", NULL));
}

TEST(ms_dns_and_ms_wins_take_two_each)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "ms-dns 8.8.8.8 ms-dns 1.1.1.1 ms-wins 10.0.0.9"));
	CHECK_EQ(ntohl(c.ms_dns[0].s_addr), 0x08080808);
	CHECK_EQ(ntohl(c.ms_dns[1].s_addr), 0x01010101);
	CHECK_EQ(ntohl(c.ms_wins[0].s_addr), 0x0a000009);
	CHECK_EQ(c.ms_wins[1].s_addr, 0);
	CHECK(fails_with("ms-dns 1.1.1.1 ms-dns 2.2.2.2 ms-dns 3.3.3.3",
			 "option 'ms-dns'", "more than twice", NULL));
	CHECK(fails_with("ms-wins dns.example", "option 'ms-wins'", NULL));
}

TEST(ipv6_takes_interface_identifiers_either_optional)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "ipv6 ::1,::2"));
	CHECK(c.ipv6);
	CHECK_EQ(c.ipv6_local_id, 1);
	CHECK_EQ(c.ipv6_remote_id, 2);
	CHECK(!parse_ok(&c, "ipv6 ::dead:beef:1:2,"));
	CHECK(c.ipv6 && c.ipv6_local_id == 0xdeadbeef00010002ull && !c.ipv6_remote_id);
	CHECK(!parse_ok(&c, "ipv6 ,::2"));
	CHECK(!c.ipv6_local_id && c.ipv6_remote_id == 2);
	CHECK(!parse_ok(&c, "ipv6 ::3"));
	CHECK(c.ipv6_local_id == 3 && !c.ipv6_remote_id);
	CHECK(fails_with("ipv6 fe80::1,::2", "option 'ipv6'", NULL));
	CHECK(fails_with("ipv6 ::,::2", "option 'ipv6'", NULL));
	CHECK(fails_with("ipv6 xyz", "option 'ipv6'", NULL));
}

TEST(ifname_must_be_a_valid_netdev_name)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "ifname ppp-wan.15abc"));
	CHECK(!strcmp(c.ifname, "ppp-wan.15abc"));
	CHECK(fails_with("ifname 0123456789abcdef", "option 'ifname'", NULL));
	CHECK(fails_with("ifname a/b", "option 'ifname'", NULL));
	CHECK(fails_with("ifname 'a b'", "option 'ifname'", NULL));
	CHECK(fails_with("ifname a:1", "option 'ifname'", NULL));
	CHECK(fails_with("ifname ''", "option 'ifname'", NULL));
	CHECK(fails_with("ifname ..", "option 'ifname'", NULL));
}

TEST(linkname_and_pty_reject_unusable_values)
{
	CHECK(fails_with("linkname ../x", "option 'linkname'", NULL));
	CHECK(fails_with("pty ''", "option 'pty'", NULL));
}

TEST(device_is_a_path_or_a_name_under_dev)
{
	struct nl_config c;

	CHECK(!parse_ok(&c, "/dev/ttyS0 115200"));
	CHECK(!strcmp(c.device, "/dev/ttyS0"));
	CHECK_EQ(c.speed, 115200);
	CHECK(!parse_ok(&c, "null"));	/* /dev/null: an existing char device */
	CHECK(!strcmp(c.device, "/dev/null"));
	CHECK(fails_with("nosuchttyXYZ", "unrecognized option 'nosuchttyXYZ'", NULL));
	CHECK(fails_with("shm", "unrecognized option 'shm'", NULL));	/* a directory */
}

TEST(messages_show_control_characters_as_question_marks)
{
	CHECK(fails_with("'bad\nname'", "'bad?name'", NULL));
}

/* ---- files and sources ------------------------------------------------ */

TEST(file_option_reads_a_file_in_place)
{
	struct nl_config c;
	char text[400];

	clean_etc();
	write_file(etcdir, "inc", "mru 1000\nuser fromfile\n");
	snprintf(text, sizeof(text), "mru 500 file %s/inc user after", etcdir);
	CHECK(!parse_ok(&c, text));
	CHECK_EQ(c.mru, 1000);
	CHECK(!strcmp(c.user, "after"));
	snprintf(text, sizeof(text), "file %s/missing", etcdir);
	CHECK(fails_with(text, "missing", NULL));
}

TEST(call_reads_peers_name_under_etc_dir)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "peers/isp", "user isp-user\n/dev/ttyS1\n");
	write_file(etcdir, "peers/sub/isp", "user sub-user\n");
	nl_config_defaults(&c);
	CHECK(!strcmp(c.etc_ppp, etcdir));
	CHECK(!parse_ok(&c, "call isp"));
	CHECK(!strcmp(c.user, "isp-user"));
	CHECK(!strcmp(c.device, "/dev/ttyS1"));
	CHECK(!parse_ok(&c, "call sub/isp"));
	CHECK(!strcmp(c.user, "sub-user"));
	CHECK(fails_with("call /etc/passwd", "option 'call'", NULL));
	CHECK(fails_with("call ../options", "option 'call'", NULL));
	CHECK(fails_with("call sub/../isp", "option 'call'", NULL));
	CHECK(fails_with("call ..", "option 'call'", NULL));
	CHECK(fails_with("call nosuchpeer", "nosuchpeer", NULL));
}

TEST(nested_files_stop_at_the_depth_limit)
{
	char text[400];

	clean_etc();
	write_file(etcdir, "peers/loop", "debug\ncall loop\n");
	CHECK(fails_with("call loop", "nested more than 8 deep", "peers/loop:2:", NULL));
	snprintf(text, sizeof(text), "file %s/loop2\n", etcdir);
	write_file(etcdir, "loop1", text);
	snprintf(text, sizeof(text), "file %s/loop1\n", etcdir);
	write_file(etcdir, "loop2", text);
	CHECK(fails_with(text, "nested more than 8 deep", NULL));
}

TEST(file_errors_name_the_nested_file_and_line)
{
	clean_etc();
	write_file(etcdir, "peers/isp", "debug\n\nmru huge\n");
	CHECK(fails_with("call isp", "peers/isp:3:", "option 'mru'", "'huge'", NULL));
}

TEST(file_reads_a_pipe_whose_writer_is_slow)
{
	/* "file <(echo password x)" in a shell: a pipe filled a bit later. */
	struct nl_config c;
	char text[64];
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		usleep(200 * 1000);
		if (write(fds[1], "password piped\n", 15) != 15)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	snprintf(text, sizeof(text), "file /dev/fd/%d", fds[0]);
	CHECK(!parse_ok(&c, text));
	CHECK(!strcmp(c.password, "piped"));
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

TEST(file_refuses_devices)
{
	CHECK(fails_with("file /dev/zero", "/dev/zero", NULL));
}

TEST(argv_reads_options_then_ppprc_then_arguments)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "options", "mru 1000\nmtu 1000\nlock\nuser sys\n");
	write_file(homedir, ".ppprc", "mtu 1100\nuser home\n");
	CHECK_EQ(run_argv(&c, "user", "cmdline", NULL), 0);
	CHECK_EQ(c.mru, 1000);
	CHECK_EQ(c.mtu, 1100);
	CHECK(c.lock);
	CHECK(!strcmp(c.user, "cmdline"));
}

TEST(argv_missing_system_options_and_ppprc_are_fine)
{
	struct nl_config c;

	clean_etc();
	CHECK_EQ(run_argv(&c, "debug", NULL), 0);
	CHECK(c.debug);
	CHECK(!captured[0]);
}

TEST(argv_words_are_not_split_or_unquoted)
{
	struct nl_config c;

	clean_etc();
	CHECK_EQ(run_argv(&c, "user", "a \"b\" # c", NULL), 0);
	CHECK(!strcmp(c.user, "a \"b\" # c"));
}

TEST(argv_call_reads_the_peer_file_in_place)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "peers/isp", "user isp\nmru 1200\n");
	CHECK_EQ(run_argv(&c, "mru", "1000", "call", "isp", "user", "me", NULL), 0);
	CHECK_EQ(c.mru, 1200);
	CHECK(!strcmp(c.user, "me"));
}

TEST(argv_tty_options_come_before_the_command_line)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "options", "mru 1000\n");
	write_file(etcdir, "options.null", "mru 1100\nmtu 1100\nuser ttyfile\n");
	CHECK_EQ(run_argv(&c, "/dev/null", "user", "cmdline", NULL), 0);
	CHECK_EQ(c.mru, 1100);
	CHECK_EQ(c.mtu, 1100);
	CHECK(!strcmp(c.user, "cmdline"));
	CHECK(!strcmp(c.device, "/dev/null"));
	/* The device may come from a peers file too. */
	write_file(etcdir, "peers/isp", "/dev/null\n");
	CHECK_EQ(run_argv(&c, "call", "isp", "mtu", "1200", NULL), 0);
	CHECK_EQ(c.mru, 1100);
	CHECK_EQ(c.mtu, 1200);
}

TEST(argv_tty_pass_starts_from_the_state_before_the_arguments)
{
	struct nl_config c;

	/* Cumulative options on the command line must not count twice. */
	clean_etc();
	write_file(etcdir, "options.null", "debug\n");
	CHECK_EQ(run_argv(&c, "/dev/null", "ms-dns", "1.1.1.1", "ms-dns", "2.2.2.2", NULL), 0);
	CHECK_EQ(ntohl(c.ms_dns[1].s_addr), 0x02020202);
	CHECK(c.debug);
}

TEST(argv_tty_options_name_turns_slashes_into_dots)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "options.pts.3", "mru 1300\n");
	CHECK_EQ(run_argv(&c, "/dev/pts/3", NULL), 0);
	CHECK_EQ(c.mru, 1300);
}

TEST(argv_tty_options_errors_are_reported)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "options.ttyS0", "bogus\n");
	CHECK_EQ(run_argv(&c, "/dev/ttyS0", NULL), -EINVAL);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "options.ttyS0:1:") && strstr(captured, "'bogus'"));
}

TEST(argv_warnings_are_not_repeated_by_the_tty_pass)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "options.null", "debug\n");
	CHECK_EQ(run_argv(&c, "/dev/null", "show-password", NULL), 0);
	CHECK_EQ(count_lines(captured), 1);
}

TEST(argv_etc_dir_first_replaces_etc_ppp)
{
	struct nl_config c;
	char other[400];

	clean_etc();
	snprintf(other, sizeof(other), "%s/other", tmpdir);
	mkdir(other, 0700);
	write_file(other, "options", "mru 1234\n");
	write_file(etcdir, "options", "mru 1000\n");
	CHECK_EQ(run_argv(&c, "etc-dir", other, "debug", NULL), 0);
	CHECK_EQ(c.mru, 1234);
	CHECK(!strcmp(c.etc_ppp, other));
	remove_file(other, "options");
	rmdir(other);
}

TEST(argv_etc_dir_anywhere_but_first_is_an_error)
{
	struct nl_config c;

	clean_etc();
	CHECK_EQ(run_argv(&c, "debug", "etc-dir", "/tmp", NULL), -EINVAL);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "etc-dir") && strstr(captured, "first"));
	CHECK(fails_with("etc-dir /tmp", "etc-dir", NULL));
}

TEST(argv_unknown_option_has_no_file_position)
{
	struct nl_config c;

	clean_etc();
	CHECK_EQ(run_argv(&c, "debug", "frobnicate", NULL), -EINVAL);
	CHECK(!strcmp(captured, "nlpppd: unrecognized option 'frobnicate'\n"));
	CHECK_EQ(run_argv(&c, "mru", NULL), -EINVAL);
	CHECK(!strcmp(captured, "nlpppd: option 'mru' requires an argument (a number in 128..16384)\n"));
}

TEST(argv_errors_in_system_options_stop_parsing)
{
	struct nl_config c;

	clean_etc();
	write_file(etcdir, "options", "lock\nmtu zero\n");
	CHECK_EQ(run_argv(&c, "debug", NULL), -EINVAL);
	CHECK_EQ(count_lines(captured), 1);
	CHECK(strstr(captured, "/options:2:") && strstr(captured, "'mtu'"));
}

/* ---- cross-option checks ---------------------------------------------- */

TEST(check_rejects_pty_with_notty_or_a_device)
{
	struct nl_config c;

	clean_etc();
	CHECK_EQ(run_argv(&c, "pty", "cat", "notty", NULL), -EINVAL);
	CHECK(strstr(captured, "'pty'") && strstr(captured, "'notty'"));
	CHECK_EQ(count_lines(captured), 1);
	CHECK_EQ(run_argv(&c, "pty", "cat", "/dev/ttyS0", NULL), -EINVAL);
	CHECK(strstr(captured, "'pty'"));
	CHECK_EQ(run_argv(&c, "notty", "/dev/ttyS0", NULL), -EINVAL);
	CHECK(strstr(captured, "'notty'"));
	CHECK_EQ(run_argv(&c, "pty", "cat", NULL), 0);
	CHECK_EQ(run_argv(&c, "notty", NULL), 0);
}

TEST(check_rejects_equal_local_and_remote_addresses)
{
	struct nl_config c;

	clean_etc();
	CHECK_EQ(run_argv(&c, "10.0.0.1:10.0.0.1", NULL), -EINVAL);
	CHECK(strstr(captured, "differ"));
	CHECK_EQ(run_argv(&c, "ipv6", "::1,::1", NULL), -EINVAL);
	nl_config_defaults(&c);
	CHECK_EQ(nl_config_check(&c), 0);
}

int main(void)
{
	char path[400];

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(etcdir, sizeof(etcdir), "%s/etc", tmpdir);
	snprintf(homedir, sizeof(homedir), "%s/home", tmpdir);
	mkdir(etcdir, 0700);
	mkdir(homedir, 0700);
	snprintf(path, sizeof(path), "%s/peers", etcdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/peers/sub", etcdir);
	mkdir(path, 0700);
	setenv("NLPPPD_ETC", etcdir, 1);
	setenv("HOME", homedir, 1);

	RUN(defaults_are_pppds);
	RUN(defaults_take_etc_dir_from_NLPPPD_ETC);
	RUN(each_flag_option_sets_its_field);
	RUN(each_number_option_sets_its_field);
	RUN(each_string_option_sets_its_field);
	RUN(dataplane_accepts_auto_kernel_user_only);
	RUN(noauth_after_require_pap_requires_nothing_like_pppd);
	RUN(last_flow_control_option_wins);
	RUN(hide_password_is_accepted_and_show_password_warns_but_changes_nothing);
	RUN(debian_default_options_file_parses);
	RUN(pppd_options_nlpppd_lacks_are_named_as_unsupported);
	RUN(words_split_on_whitespace_and_skip_comments);
	RUN(words_honour_quotes_and_escapes);
	RUN(words_continuation_between_words_does_not_start_a_line);
	RUN(words_reject_unterminated_quote_nul_and_overlong_words);
	RUN(words_stop_at_the_given_length);
	RUN(options_file_quoting_comments_and_lines);
	RUN(unterminated_quote_is_reported_with_its_line);
	RUN(nul_byte_in_options_file_is_an_error);
	RUN(unknown_option_is_one_line_naming_it_and_its_place);
	RUN(bad_numbers_are_rejected_with_the_range);
	RUN(missing_argument_says_so);
	RUN(password_is_never_echoed_in_messages);
	RUN(overlong_strings_are_rejected);
	RUN(asyncmap_values_are_ored_and_take_optional_0x);
	RUN(escape_sets_bits_for_each_listed_byte);
	RUN(escape_rejects_printables_pppd_forbids_and_bad_lists);
	RUN(ip_pairs_set_local_and_or_remote);
	RUN(remote_ip_pool_takes_a_prefix_or_a_range);
	RUN(tcp_options_refuse_what_cannot_work_together);
	RUN(bad_ip_pairs_are_rejected);
	RUN(ms_dns_and_ms_wins_take_two_each);
	RUN(ipv6_takes_interface_identifiers_either_optional);
	RUN(ifname_must_be_a_valid_netdev_name);
	RUN(linkname_and_pty_reject_unusable_values);
	RUN(device_is_a_path_or_a_name_under_dev);
	RUN(messages_show_control_characters_as_question_marks);
	RUN(file_option_reads_a_file_in_place);
	RUN(call_reads_peers_name_under_etc_dir);
	RUN(nested_files_stop_at_the_depth_limit);
	RUN(file_errors_name_the_nested_file_and_line);
	RUN(file_reads_a_pipe_whose_writer_is_slow);
	RUN(file_refuses_devices);
	RUN(argv_reads_options_then_ppprc_then_arguments);
	RUN(argv_missing_system_options_and_ppprc_are_fine);
	RUN(argv_words_are_not_split_or_unquoted);
	RUN(argv_call_reads_the_peer_file_in_place);
	RUN(argv_tty_options_come_before_the_command_line);
	RUN(argv_tty_pass_starts_from_the_state_before_the_arguments);
	RUN(argv_tty_options_name_turns_slashes_into_dots);
	RUN(argv_tty_options_errors_are_reported);
	RUN(argv_warnings_are_not_repeated_by_the_tty_pass);
	RUN(argv_etc_dir_first_replaces_etc_ppp);
	RUN(argv_etc_dir_anywhere_but_first_is_an_error);
	RUN(argv_unknown_option_has_no_file_position);
	RUN(argv_errors_in_system_options_stop_parsing);
	RUN(check_rejects_pty_with_notty_or_a_device);
	RUN(check_rejects_equal_local_and_remote_addresses);
	RUN(pppoe_pppoeconf_peers_file_is_accepted_unchanged);
	RUN(pppoe_device_words_and_plugin_options_in_both_spellings);
	RUN(pppoe_bad_values_are_refused_in_one_line);
	RUN(pppoe_listen_takes_several_interfaces_and_server_options);
	RUN(pppoe_client_and_server_run_on_the_kernel_plane);

	clean_etc();
	snprintf(path, sizeof(path), "%s/peers/sub", etcdir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/peers", etcdir);
	rmdir(path);
	rmdir(etcdir);
	rmdir(homedir);
	rmdir(tmpdir);
	return test_summary();
}
