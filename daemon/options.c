// SPDX-License-Identifier: GPL-2.0
/*
 * pppd-compatible options: the word syntax of options files, the option
 * table, and the order pppd reads its sources in. Every user mistake ends
 * in exactly one line on stderr naming the option and what is wrong, and
 * -EINVAL; the daemon then exits with status 2 (pppd's EXIT_OPTION_ERROR).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "libppp/ccp.h"
#include "libppp/ipcp.h"

#include "config.h"
#include "server.h"

enum {
	MAX_WORD = 1024,		/* pppd's MAXWORDLEN */
	MAX_DEPTH = 8,			/* nested file/call levels */
	MAX_OPTIONS_FILE = 1 << 20,	/* nobody writes a 1 MiB options file */
	SHOWN_MAX = 64,			/* how much of a bad word we echo */
};

/* ---- words ------------------------------------------------------------ */

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\f' || ch == '\v';
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

void nl_words_init(struct nl_words *w, const char *text, size_t len)
{
	w->p = text;
	w->end = text + len;
	w->line = 1;
	w->word_line = 1;
	w->newline = true;
	w->at_line_start = true;
}

/*
 * Decode the escape after a backslash at w->p. Returns the byte, or -1 if
 * the escape produces nothing (backslash-newline, backslash at the end).
 */
static int word_escape(struct nl_words *w)
{
	char ch;
	int v, d, i;

	if (w->p >= w->end)
		return -1;
	ch = *w->p++;
	switch (ch) {
	case '\n':
		w->line++;
		return -1;
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 's': return ' ';
	case 't': return '\t';
	case 'v': return '\v';
	case 'x':
		v = 0;
		for (i = 0; i < 2 && w->p < w->end; i++) {
			d = hex_digit(*w->p);
			if (d < 0)
				break;
			v = v * 16 + d;
			w->p++;
		}
		return i ? v : 'x';
	}
	if (ch >= '0' && ch <= '7') {
		v = ch - '0';
		for (i = 1; i < 3 && w->p < w->end; i++) {
			if (*w->p < '0' || *w->p > '7' || v * 8 + (*w->p - '0') > 0377)
				break;
			v = v * 8 + (*w->p++ - '0');
		}
		return v;
	}
	return (unsigned char)ch;
}

int nl_words_next(struct nl_words *w, char *buf, size_t size)
{
	char quote = 0;
	size_t n = 0;
	int ch;

	/* Whitespace, comments and line continuations between words. */
	while (w->p < w->end) {
		if (*w->p == '\n') {
			w->line++;
			w->at_line_start = true;
			w->p++;
		} else if (is_space(*w->p)) {
			w->p++;
		} else if (*w->p == '#') {
			while (w->p < w->end && *w->p != '\n')
				w->p++;
		} else if (*w->p == '\\' && w->p + 1 < w->end && w->p[1] == '\n') {
			w->p += 2;
			w->line++;
		} else {
			break;
		}
	}
	if (w->p >= w->end)
		return 0;

	w->word_line = w->line;
	w->newline = w->at_line_start;
	w->at_line_start = false;

	while (w->p < w->end) {
		ch = (unsigned char)*w->p;
		if (!quote) {
			if (is_space((char)ch) || ch == '#')
				break;
			if (ch == '"' || ch == '\'') {
				quote = (char)ch;
				w->p++;
				continue;
			}
		} else if (ch == quote) {
			quote = 0;
			w->p++;
			continue;
		}
		w->p++;
		if (ch == '\\') {
			ch = word_escape(w);
			if (ch < 0)
				continue;
		} else if (ch == '\n') {
			w->line++;	/* inside quotes: part of the word */
		}
		if (ch == 0)
			return -EILSEQ;
		if (n + 1 >= size)
			return -E2BIG;
		buf[n++] = (char)ch;
	}
	if (quote)
		return -EINVAL;
	buf[n] = 0;
	return 1;
}

/* ---- sources and messages --------------------------------------------- */

/* One source of words: an options file's text or the command line. */
struct src {
	struct nl_config *c;
	const char *origin;	/* file name; NULL for the command line */
	int depth;
	bool quiet;		/* second pass over the same words: no warnings */
	struct nl_words w;
	char **argv;
	int argc, argi;
	unsigned int line;	/* line of the option being applied */
	bool first;		/* it is the first word of the command line */
	char arg[MAX_WORD];
};

/* A word as it may be shown: printable, short, on one line. */
static const char *shown(const char *word, char out[SHOWN_MAX + 8])
{
	size_t i, n = 0;

	for (i = 0; word[i] && n < SHOWN_MAX; i++) {
		unsigned char ch = (unsigned char)word[i];

		out[n++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	if (word[i])
		n += (size_t)sprintf(out + n, "...");
	out[n] = 0;
	return out;
}

static void __attribute__((format(printf, 2, 3)))
perr(const struct src *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s && s->origin)
		fprintf(stderr, "nlpppd: %s:%u: %s\n", s->origin, s->line, msg);
	else
		fprintf(stderr, "nlpppd: %s\n", msg);
}

/* Next word from @s: 1 with *@out set, 0 at the end, -EINVAL (reported). */
static int src_next(struct src *s, char *buf, const char **out)
{
	char sh[SHOWN_MAX + 8];
	int r;

	if (s->argv) {
		if (s->argi >= s->argc)
			return 0;
		*out = s->argv[s->argi++];
		if (strlen(*out) < MAX_WORD)
			return 1;
		perr(s, "argument '%s' is longer than %d bytes", shown(*out, sh),
		     MAX_WORD - 1);
		return -EINVAL;
	}
	r = nl_words_next(&s->w, buf, MAX_WORD);
	if (r > 0) {
		*out = buf;
		return 1;
	}
	if (r == 0)
		return 0;
	s->line = s->w.word_line;
	if (r == -E2BIG) {
		buf[SHOWN_MAX] = 0;
		perr(s, "word '%s' is longer than %d bytes", shown(buf, sh),
		     MAX_WORD - 1);
	} else if (r == -EILSEQ) {
		perr(s, "a word contains a NUL byte");
	} else {
		perr(s, "quote opened here is never closed");
	}
	return -EINVAL;
}

/* ---- values ----------------------------------------------------------- */

/* strtoul base 0 (decimal, 0x hex, 0 octal) with no sign, space or junk. */
static bool parse_num(const char *str, unsigned long long max,
		      unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (*str < '0' || *str > '9')
		return false;
	errno = 0;
	v = strtoull(str, &end, 0);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* Hex digits with an optional 0x. */
static bool parse_hex(const char *str, unsigned long long max,
		      unsigned long long *out)
{
	unsigned long long v = 0;
	int d;

	if (str[0] == '0' && (str[1] == 'x' || str[1] == 'X'))
		str += 2;
	if (!*str)
		return false;
	for (; *str; str++) {
		d = hex_digit(*str);
		if (d < 0 || v > (max - (unsigned)d) / 16)
			return false;
		v = v * 16 + (unsigned)d;
	}
	*out = v;
	return true;
}

/* A unicast IPv4 address in dotted-quad form (no host names). */
static bool parse_ipv4(const char *str, struct in_addr *out)
{
	struct in_addr a;
	uint32_t h;

	if (inet_pton(AF_INET, str, &a) != 1)
		return false;
	h = ntohl(a.s_addr);
	if (h == 0 || h >= 0xe0000000u)	/* unset, multicast, class E */
		return false;
	*out = a;
	return true;
}

/* An IPv6 interface identifier: "::1234:5678" style, upper 64 bits zero. */
static bool parse_ifid(const char *str, uint64_t *out)
{
	struct in6_addr a;
	uint64_t v = 0;
	int i;

	if (inet_pton(AF_INET6, str, &a) != 1)
		return false;
	for (i = 0; i < 8; i++)
		if (a.s6_addr[i])
			return false;
	for (i = 8; i < 16; i++)
		v = v << 8 | a.s6_addr[i];
	if (!v)
		return false;
	*out = v;
	return true;
}

/* ---- the option table ------------------------------------------------- */

struct opt;
typedef int (*setter)(struct src *s, const struct opt *o, const char *arg);

struct opt {
	const char *name;
	setter set;
	bool has_arg;
	size_t off;			/* field in struct nl_config */
	size_t size;			/* string fields: sizeof the array */
	unsigned long long lo, hi;	/* numbers: range; flags: lo is the value */
	const char *what;		/* what the argument is, for messages */
};

#define FIELD(c, o, type) ((type *)((char *)(c) + (o)->off))

static int set_flag(struct src *s, const struct opt *o, const char *arg)
{
	*FIELD(s->c, o, bool) = o->lo;
	return 0;
}

static int bad_value(struct src *s, const struct opt *o, const char *arg,
		     const char *what)
{
	char sh[SHOWN_MAX + 8];

	perr(s, "option '%s': value '%s' is not %s", o->name,
	     shown(arg, sh), what ? what : o->what);
	return -EINVAL;
}

static int set_uint(struct src *s, const struct opt *o, const char *arg)
{
	unsigned long long v;
	char what[64];

	if (!parse_num(arg, o->hi, &v) || v < o->lo) {
		snprintf(what, sizeof(what), "a number in %llu..%llu", o->lo, o->hi);
		return bad_value(s, o, arg, what);
	}
	*FIELD(s->c, o, unsigned int) = (unsigned int)v;
	return 0;
}

static int set_string(struct src *s, const struct opt *o, const char *arg)
{
	size_t len = strlen(arg);

	/* Never echo the value: it may be a password. */
	if (len >= o->size) {
		perr(s, "option '%s': value is too long (at most %zu bytes)",
		     o->name, o->size - 1);
		return -EINVAL;
	}
	memcpy(FIELD(s->c, o, char), arg, len + 1);
	return 0;
}

static int set_nonempty(struct src *s, const struct opt *o, const char *arg)
{
	if (!*arg) {
		perr(s, "option '%s': value is empty; %s is needed", o->name, o->what);
		return -EINVAL;
	}
	return set_string(s, o, arg);
}

static int set_unit(struct src *s, const struct opt *o, const char *arg)
{
	unsigned long long v;

	if (!parse_num(arg, INT_MAX, &v))
		return bad_value(s, o, arg, NULL);
	s->c->unit = (int)v;
	return 0;
}

static int set_noop(struct src *s, const struct opt *o, const char *arg)
{
	return 0;
}

static int set_show_password(struct src *s, const struct opt *o, const char *arg)
{
	if (!s->quiet)
		perr(s, "warning: option 'show-password' ignored: nlpppd never shows passwords");
	return 0;
}

static int set_unsupported(struct src *s, const struct opt *o, const char *arg)
{
	perr(s, "option '%s' is a pppd option that nlpppd does not support", o->name);
	return -EINVAL;
}

static int set_crtscts(struct src *s, const struct opt *o, const char *arg)
{
	/* pppd keeps one flow-control setting: the last option wins. */
	s->c->crtscts = o->lo == 1;
	s->c->xonxoff = o->lo == 2;
	return 0;
}

/* pppd's: telling systemd the link is up only makes sense in the foreground. */
static int set_up_sdnotify(struct src *s, const struct opt *o, const char *arg)
{
	s->c->up_sdnotify = true;
	s->c->nodetach = true;
	return 0;
}

static int set_auth(struct src *s, const struct opt *o, const char *arg)
{
	struct nl_config *c = s->c;

	switch (o->lo) {
	case 0:			/* noauth: requiring nothing, as in pppd */
		c->auth = c->require_pap = c->require_chap = false;
		c->require_mschap = c->require_mschap_v2 = false;
		break;
	case 1:
		c->auth = true;
		break;
	case 2:
		c->auth = c->require_pap = true;
		break;
	case 3:
		c->auth = c->require_chap = true;
		break;
	case 4:
		c->auth = c->require_mschap = true;
		break;
	case 5:
		c->auth = c->require_mschap_v2 = true;
		break;
	}
	return 0;
}

/* deflate N[,M] and bsdcomp N[,M]: receive and transmit sizes, 0 = not that way. */
static int set_ccp_sizes(struct src *s, const struct opt *o, const char *arg)
{
	bool bsd = o->lo == 1;
	unsigned long v[2];
	const char *p = arg;
	char *end;
	int i;

	for (i = 0; i < 2; i++) {
		if (*p < '0' || *p > '9')
			return bad_value(s, o, arg, NULL);
		errno = 0;
		v[i] = strtoul(p, &end, 10);
		/* pppd turns deflate's 8 into 9: zlib cannot do a 256-byte window. */
		if (!bsd && v[i] == 8)
			v[i] = 9;
		if (errno || (v[i] && (v[i] < 9 || v[i] > 15)))
			return bad_value(s, o, arg, NULL);
		if (i == 0 && *end == ',') {
			p = end + 1;
			continue;
		}
		if (*end)
			return bad_value(s, o, arg, NULL);
		if (i == 0)
			v[1] = v[0];
		break;
	}
	if (bsd) {
		s->c->bsd_rx = (uint8_t)v[0];
		s->c->bsd_tx = (uint8_t)v[1];
		s->c->ccp_methods |= PPP_CCP_BSD;
	} else {
		s->c->deflate_rx = (uint8_t)v[0];
		s->c->deflate_tx = (uint8_t)v[1];
		s->c->ccp_methods |= PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT;
	}
	return 0;
}

/* Switches for CCP methods: lo = the PPP_CCP_* bits, hi = 1 to set, 0 to clear. */
static int set_ccp_method(struct src *s, const struct opt *o, const char *arg)
{
	if (o->hi)
		s->c->ccp_methods |= (unsigned int)o->lo;
	else
		s->c->ccp_methods &= ~(unsigned int)o->lo;
	return 0;
}

/* MPPE key lengths (pppd): lo = the PPP_MPPE_OPT_* bits, hi = 1 to require, 0 to refuse. */
static int set_mppe(struct src *s, const struct opt *o, const char *arg)
{
	if (o->hi)
		s->c->mppe_keys |= (uint32_t)o->lo;
	else
		s->c->mppe_keys &= ~(uint32_t)o->lo;
	return 0;
}

static int set_defaultroute(struct src *s, const struct opt *o, const char *arg)
{
	if (o->lo)
		s->c->defaultroute = true;
	else
		s->c->defaultroute = s->c->replacedefaultroute = false;
	return 0;
}

static int set_asyncmap(struct src *s, const struct opt *o, const char *arg)
{
	unsigned long long v;

	if (!parse_hex(arg, 0xffffffffu, &v))
		return bad_value(s, o, arg, NULL);
	s->c->asyncmap |= (uint32_t)v;
	s->c->asyncmap_set = true;
	return 0;
}

static int set_escape(struct src *s, const struct opt *o, const char *arg)
{
	char item[16], sh[SHOWN_MAX + 8];
	uint32_t esc[8] = { 0 };
	const char *p = arg, *comma;
	unsigned long long v;
	size_t len;
	int i;

	for (;;) {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len >= sizeof(item))
			return bad_value(s, o, arg, NULL);
		memcpy(item, p, len);
		item[len] = 0;
		if (!parse_hex(item, 0xff, &v))
			return bad_value(s, o, arg, NULL);
		if ((v >= 0x20 && v <= 0x3f) || v == 0x5e) {
			perr(s, "option 'escape': character 0x%02llx in '%s' cannot be escaped (0x20-0x3f and 0x5e are not allowed)",
			     v, shown(arg, sh));
			return -EINVAL;
		}
		esc[v >> 5] |= 1u << (v & 31);
		if (!comma)
			break;
		p = comma + 1;
	}
	for (i = 0; i < 8; i++)
		s->c->escape[i] |= esc[i];
	return 0;
}

static int set_dns_wins(struct src *s, const struct opt *o, const char *arg)
{
	struct in_addr *slot = FIELD(s->c, o, struct in_addr), a;

	if (!parse_ipv4(arg, &a))
		return bad_value(s, o, arg, NULL);
	if (slot[0].s_addr == 0) {
		slot[0] = a;
	} else if (slot[1].s_addr == 0) {
		slot[1] = a;
	} else {
		perr(s, "option '%s' given more than twice (a primary and a secondary only)",
		     o->name);
		return -EINVAL;
	}
	return 0;
}

static int set_ipv6(struct src *s, const struct opt *o, const char *arg)
{
	char local[MAX_WORD];
	const char *comma = strchr(arg, ',');
	const char *remote = comma ? comma + 1 : "";
	size_t llen = comma ? (size_t)(comma - arg) : strlen(arg);
	uint64_t lid = 0, rid = 0;

	memcpy(local, arg, llen);
	local[llen] = 0;
	if ((llen && !parse_ifid(local, &lid)) || (*remote && !parse_ifid(remote, &rid)))
		return bad_value(s, o, arg, NULL);
	if (lid)
		s->c->ipv6_local_id = lid;
	if (rid)
		s->c->ipv6_remote_id = rid;
	s->c->ipv6 = true;
	return 0;
}

static int set_dataplane(struct src *s, const struct opt *o, const char *arg)
{
	if (!strcmp(arg, "auto"))
		s->c->dataplane = NL_DP_AUTO;
	else if (!strcmp(arg, "kernel"))
		s->c->dataplane = NL_DP_KERNEL;
	else if (!strcmp(arg, "user"))
		s->c->dataplane = NL_DP_USER;
	else
		return bad_value(s, o, arg, NULL);
	return 0;
}

static int set_pool(struct src *s, const struct opt *o, const char *arg)
{
	if (nl_pool_parse(arg, &s->c->pool_first, &s->c->pool_last) < 0)
		return bad_value(s, o, arg, NULL);
	return 0;
}

/* The module has no per-link debug switch yet: say so rather than ignore it. */
static int set_kdebug(struct src *s, const struct opt *o, const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 0);

	if (!*arg || *end || v > 255)
		return bad_value(s, o, arg, NULL);
	if (v) {
		perr(s, "option 'kdebug': nlppp.ko has no per-link debug; use "
		     "'debug' (control frames) or the module parameter "
		     "/sys/module/nlppp/parameters/debug");
		return -EINVAL;
	}
	s->c->kdebug = 0;
	return 0;
}

static int set_ifname(struct src *s, const struct opt *o, const char *arg)
{
	size_t i, len = strlen(arg);

	/* The kernel's rules for a netdev name. */
	if (len == 0 || len >= sizeof(s->c->ifname) || !strcmp(arg, ".") ||
	    !strcmp(arg, ".."))
		return bad_value(s, o, arg, NULL);
	for (i = 0; i < len; i++)
		if (arg[i] == '/' || arg[i] == ':' || is_space(arg[i]) ||
		    (unsigned char)arg[i] < 0x20 || arg[i] == 0x7f)
			return bad_value(s, o, arg, NULL);
	memcpy(s->c->ifname, arg, len + 1);
	return 0;
}

static int set_linkname(struct src *s, const struct opt *o, const char *arg)
{
	/* It names /run/ppp-<linkname>.pid: no directories. */
	if (!*arg || strchr(arg, '/') || strlen(arg) >= sizeof(s->c->linkname))
		return bad_value(s, o, arg, NULL);
	return set_string(s, o, arg);
}

static int parse_file_in(struct nl_config *c, const char *path, bool optional,
			 int depth, bool quiet);

static int nested_file(struct src *s, const struct opt *o, const char *path)
{
	if (s->depth + 1 > MAX_DEPTH) {
		perr(s, "option '%s': options files nested more than %d deep (do they include each other?)",
		     o->name, MAX_DEPTH);
		return -EINVAL;
	}
	return parse_file_in(s->c, path, false, s->depth + 1, s->quiet);
}

static int set_file(struct src *s, const struct opt *o, const char *arg)
{
	if (!*arg)
		return bad_value(s, o, arg, NULL);
	return nested_file(s, o, arg);
}

static int set_call(struct src *s, const struct opt *o, const char *arg)
{
	char path[PATH_MAX];
	const char *p;
	size_t n;

	/* pppd: not absolute, and no ".." path component. */
	if (!*arg || arg[0] == '/')
		return bad_value(s, o, arg, NULL);
	for (p = arg; *p; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return bad_value(s, o, arg, NULL);
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/peers/%s", s->c->etc_ppp,
			     arg) >= sizeof(path)) {
		perr(s, "option 'call': path %s/peers/... is too long", s->c->etc_ppp);
		return -EINVAL;
	}
	return nested_file(s, o, path);
}

static int check_etc_dir(const struct src *s, const char *arg)
{
	if (!*arg || strlen(arg) >= sizeof(s->c->etc_ppp)) {
		perr(s, "option 'etc-dir': value is not a directory name shorter than %zu bytes",
		     sizeof(s->c->etc_ppp));
		return -EINVAL;
	}
	return 0;
}

static int set_etc_dir(struct src *s, const struct opt *o, const char *arg)
{
	/* It must be known before <etc>/options is read: see nl_config_parse_argv. */
	if (s->origin || !s->first) {
		perr(s, "option 'etc-dir' must be the first option on the command line");
		return -EINVAL;
	}
	if (check_etc_dir(s, arg))
		return -EINVAL;
	strcpy(s->c->etc_ppp, arg);
	return 0;
}

/* ---- PPPoE (pppoe/): pppd's rp-pppoe plugin and the concentrator -------- */

/* `plugin rp-pppoe.so` / `plugin pppoe.so`: built in, so only those names. */
static int set_plugin(struct src *s, const struct opt *o, const char *arg)
{
	const char *base = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
	char sh[SHOWN_MAX + 8];

	if (strcmp(base, "rp-pppoe.so") && strcmp(base, "pppoe.so")) {
		perr(s, "option 'plugin': nlpppd loads no plugins; '%s' is not one it has "
		     "built in (rp-pppoe.so, pppoe.so)", shown(arg, sh));
		return -EINVAL;
	}
	s->c->pppoe.plugin = true;
	return 0;
}

/* `connect SCRIPT`: pppd runs it before PPP; a PPPoE session needs none. */
static int set_connect(struct src *s, const struct opt *o, const char *arg)
{
	s->c->pppoe.connect = true;
	return 0;
}

static int set_pppoe_iface(struct src *s, const char *name)
{
	char sh[SHOWN_MAX + 8];

	if (!*name || strlen(name) >= sizeof(s->c->pppoe.iface) || strchr(name, '/') ||
	    strchr(name, ':') || strchr(name, ' ')) {
		perr(s, "'%s' is not an Ethernet interface name for PPPoE", shown(name, sh));
		return -EINVAL;
	}
	strcpy(s->c->pppoe.iface, name);
	return 0;
}

/* The reference page's device string: PPPoE:iface[:provider]. */
static int set_pppoe_device(struct src *s, const char *word)
{
	char iface[MAX_WORD];
	const char *rest = word + 6, *colon = strchr(rest, ':');
	size_t n = colon ? (size_t)(colon - rest) : strlen(rest);

	memcpy(iface, rest, n);
	iface[n] = 0;
	if (colon && strlen(colon + 1) >= sizeof(s->c->pppoe.service)) {
		perr(s, "PPPoE provider (service name) is too long (at most %zu bytes)",
		     sizeof(s->c->pppoe.service) - 1);
		return -EINVAL;
	}
	if (colon)
		strcpy(s->c->pppoe.service, colon + 1);
	return set_pppoe_iface(s, iface);
}

static int set_hex(struct src *s, const struct opt *o, const char *arg)
{
	size_t n = strlen(arg);

	if (!n || n % 2 || n >= o->size || strspn(arg, "0123456789abcdefABCDEF") != n)
		return bad_value(s, o, arg, NULL);
	return set_string(s, o, arg);
}

static int set_mac(struct src *s, const struct opt *o, const char *arg)
{
	unsigned int b[6];
	char tail;

	if (sscanf(arg, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &tail) != 6 || strlen(arg) != 17)
		return bad_value(s, o, arg, NULL);
	return set_string(s, o, arg);
}

static int set_pppoe_sess(struct src *s, const struct opt *o, const char *arg)
{
	unsigned int b[6];
	unsigned long sid;
	char *end, tail;

	sid = strtoul(arg, &end, 10);
	if (end == arg || *end != ':' || !sid || sid >= 0xffff || strlen(end + 1) != 17 ||
	    sscanf(end + 1, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5], &tail) != 6)
		return bad_value(s, o, arg, NULL);
	return set_string(s, o, arg);
}

static int set_noop_arg(struct src *s, const struct opt *o, const char *arg)
{
	return 0;
}

/* `listen [ADDR:]PORT` (PPP over TCP) or `listen pppoe:IF`, repeatable. */
static int set_listen(struct src *s, const struct opt *o, const char *arg)
{
	struct nl_pppoe_conf *pc = &s->c->pppoe;
	char sh[SHOWN_MAX + 8];
	const char *ifn = arg + 6;
	unsigned int k;

	if (strncasecmp(arg, "pppoe:", 6))
		return set_string(s, o, arg);
	if (!*ifn || strlen(ifn) >= sizeof(pc->listen[0]) || strchr(ifn, '/') ||
	    strchr(ifn, ':')) {
		perr(s, "option 'listen': '%s' does not name an interface (pppoe:IFACE)",
		     shown(arg, sh));
		return -EINVAL;
	}
	for (k = 0; k < pc->nlisten; k++)
		if (!strcmp(pc->listen[k], ifn))
			return 0;
	if (pc->nlisten >= NL_PPPOE_LISTEN_MAX) {
		perr(s, "option 'listen': at most %d PPPoE interfaces", NL_PPPOE_LISTEN_MAX);
		return -EINVAL;
	}
	strcpy(pc->listen[pc->nlisten++], ifn);
	return 0;
}

static int add_service(struct src *s, const struct opt *o, const char *arg)
{
	struct nl_pppoe_conf *pc = &s->c->pppoe;

	if (strlen(arg) >= sizeof(pc->services[0])) {
		perr(s, "option '%s': value is too long (at most %zu bytes)", o->name,
		     sizeof(pc->services[0]) - 1);
		return -EINVAL;
	}
	if (pc->nservices >= NL_PPPOE_SERVICES) {
		perr(s, "option '%s': at most %d services", o->name, NL_PPPOE_SERVICES);
		return -EINVAL;
	}
	strcpy(pc->services[pc->nservices++], arg);
	return 0;
}

#define F(n, field, v) { n, set_flag, false, offsetof(struct nl_config, field), 0, v, 0, NULL }
#define U(n, field, l, h) { n, set_uint, true, offsetof(struct nl_config, field), 0, l, h, NULL }
#define S(n, field, w) { n, set_string, true, offsetof(struct nl_config, field), \
			 sizeof(((struct nl_config *)0)->field), 0, 0, w }
#define FN(n, fn, v) { n, fn, false, 0, 0, v, 0, NULL }
#define FA(n, fn, field, w) { n, fn, true, offsetof(struct nl_config, field), \
			      sizeof(((struct nl_config *)0)->field), 0, 0, w }
#define FX(n, fn, w) { n, fn, true, 0, 0, 0, 0, w }
#define CCPS(n, bsd, w) { n, set_ccp_sizes, true, 0, 0, bsd, 0, w }
#define CCPM(n, bits, on) { n, set_ccp_method, false, 0, 0, bits, on, NULL }
#define MPPE(n, bits, on) { n, set_mppe, false, 0, 0, bits, on, NULL }
#define NOOP(n) { n, set_noop, false, 0, 0, 0, 0, NULL }
#define UNSUP(n) { n, set_unsupported, false, 0, 0, 0, 0, NULL }

#define FSM(p, f)                                                     \
	U(p "-restart", f.restart, 1, 86400),                                 \
	U(p "-max-configure", f.max_configure, 1, 10000),                     \
	U(p "-max-failure", f.max_failure, 1, 10000),                         \
	U(p "-max-terminate", f.max_terminate, 1, 10000)

static const struct opt options[] = {
	/* Device and transport. */
	FA("pty", set_nonempty, pty_cmd, "a command"),
	F("notty", notty, true),
	FN("crtscts", set_crtscts, 1),
	FN("nocrtscts", set_crtscts, 0),
	FN("-crtscts", set_crtscts, 0),
	FN("xonxoff", set_crtscts, 2),
	F("local", local, true),
	F("modem", local, false),
	F("lock", lock, true),
	F("nolock", lock, false),
	F("sync", sync, true),
	S("socket", socket, "HOST:PORT"),
	FA("listen", set_listen, listen, "[ADDR:]PORT or pppoe:IFACE"),
	FX("remote-ip-pool", set_pool, "A.B.C.D/N or A.B.C.D-E.F.G.H"),
	U("max-sessions", max_sessions, 0, 1000000),
	U("max-sessions-per-source", max_per_source, 0, 1000000),
	S("ctl-socket", ctl_socket, "a socket path"),
	F("noctl", noctl, true),

	/* Process. */
	F("nodetach", nodetach, true),
	F("updetach", updetach, true),
	FN("up_sdnotify", set_up_sdnotify, 0),
	F("persist", persist, true),
	F("nopersist", persist, false),
	U("maxfail", maxfail, 0, INT_MAX),
	U("holdoff", holdoff, 0, INT_MAX),
	U("idle", idle, 0, INT_MAX),
	U("maxconnect", maxconnect, 0, INT_MAX),
	F("dryrun", dryrun, true),
	F("dump", dump, true),
	FX("dataplane", set_dataplane, "auto, kernel or user"),

	/* Framing and LCP. */
	FX("asyncmap", set_asyncmap, "a 32-bit hex number"),
	FX("escape", set_escape, "a comma-separated list of hex bytes"),
	U("mru", mru, 128, 16384),
	U("mtu", mtu, 128, 16384),
	F("noaccomp", noaccomp, true),
	F("-ac", noaccomp, true),
	F("nopcomp", nopcomp, true),
	F("-pc", nopcomp, true),
	F("nomagic", nomagic, true),
	F("-mn", nomagic, true),
	U("lcp-echo-interval", lcp_echo_interval, 0, 86400),
	U("lcp-echo-failure", lcp_echo_failure, 0, 10000),
	FSM("lcp", lcp),
	F("passive", passive, true),
	F("silent", silent, true),

	/* IPCP. */
	F("noipdefault", noipdefault, true),
	F("novj", novj, true),
	F("-vj", novj, true),
	F("novjccomp", novjccomp, true),
	F("-vjccomp", novjccomp, true),
	U("vj-max-slots", vj_max_slots, PPP_IPCP_VJ_SLOTS_MIN, PPP_IPCP_VJ_SLOTS_MAX),
	F("ipcp-accept-local", ipcp_accept_local, true),
	F("ipcp-accept-remote", ipcp_accept_remote, true),
	F("noip", noip, true),
	F("-ip", noip, true),
	FN("defaultroute", set_defaultroute, 1),
	FN("nodefaultroute", set_defaultroute, 0),
	F("replacedefaultroute", replacedefaultroute, true),
	F("usepeerdns", usepeerdns, true),
	FA("ms-dns", set_dns_wins, ms_dns, "an IPv4 address"),
	FA("ms-wins", set_dns_wins, ms_wins, "an IPv4 address"),
	FSM("ipcp", ipcp),

	/* IPv6CP. */
	F("+ipv6", ipv6, true),
	F("noipv6", ipv6, false),
	F("-ipv6", ipv6, false),
	FX("ipv6", set_ipv6, "<local>,<remote> interface identifiers such as ::1,::2"),
	F("ipv6cp-accept-local", ipv6cp_accept_local, true),
	FSM("ipv6cp", ipv6cp),

	/* CCP: compression and encryption. */
	F("noccp", noccp, true),
	F("-ccp", noccp, true),
	CCPS("deflate", 0, "N[,M] window sizes, 9-15 (0: not that way)"),
	CCPM("nodeflate", PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT, 0),
	CCPM("-deflate", PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT, 0),
	CCPM("nodeflatedraft", PPP_CCP_DEFLATE_DRAFT, 0),
	CCPM("-deflatedraft", PPP_CCP_DEFLATE_DRAFT, 0),
	CCPM("nodeflaterfc", PPP_CCP_DEFLATE, 0),	/* nlpppd's: option 24 only */
	CCPS("bsdcomp", 1, "N[,M] code sizes, 9-15 (0: not that way)"),
	CCPM("nobsdcomp", PPP_CCP_BSD, 0),
	CCPM("-bsdcomp", PPP_CCP_BSD, 0),
	CCPM("predictor1", PPP_CCP_PRED1, 1),
	CCPM("nopredictor1", PPP_CCP_PRED1, 0),
	CCPM("-predictor1", PPP_CCP_PRED1, 0),
	MPPE("require-mppe", PPP_MPPE_OPT_S | PPP_MPPE_OPT_L, 1),
	MPPE("+mppe", PPP_MPPE_OPT_S | PPP_MPPE_OPT_L, 1),
	MPPE("nomppe", PPP_MPPE_OPT_KEYS, 0),
	MPPE("-mppe", PPP_MPPE_OPT_KEYS, 0),
	MPPE("require-mppe-40", PPP_MPPE_OPT_L, 1),
	MPPE("+mppe-40", PPP_MPPE_OPT_L, 1),
	MPPE("mppe-40", PPP_MPPE_OPT_L, 1),	/* pptp(8)'s older spellings */
	MPPE("nomppe-40", PPP_MPPE_OPT_L, 0),
	MPPE("-mppe-40", PPP_MPPE_OPT_L, 0),
	MPPE("require-mppe-128", PPP_MPPE_OPT_S, 1),
	MPPE("+mppe-128", PPP_MPPE_OPT_S, 1),
	MPPE("mppe-128", PPP_MPPE_OPT_S, 1),
	MPPE("nomppe-128", PPP_MPPE_OPT_S, 0),
	MPPE("-mppe-128", PPP_MPPE_OPT_S, 0),
	F("mppe-stateful", mppe_stateful, true),
	F("nomppe-stateful", mppe_stateful, false),
	F("mppe-stateless", mppe_stateful, false),

	/* Authentication. */
	FN("auth", set_auth, 1),
	FN("noauth", set_auth, 0),
	FN("require-pap", set_auth, 2),
	FN("require-chap", set_auth, 3),
	F("refuse-pap", refuse_pap, true),
	F("refuse-chap", refuse_chap, true),
	FN("require-mschap", set_auth, 4),
	FN("require-mschap-v2", set_auth, 5),
	FN("require-chapms-v2", set_auth, 5),	/* pptp(8)'s older spelling */
	F("refuse-mschap", refuse_mschap, true),
	F("refuse-mschap-v2", refuse_mschap_v2, true),
	F("chapms-strip-domain", chapms_strip_domain, true),
	S("user", user, "a name"),
	S("password", password, "a password"),
	S("name", name, "a name"),
	S("remotename", remotename, "a name"),
	NOOP("hide-password"),
	FN("show-password", set_show_password, 0),
	U("pap-restart", pap_restart, 1, 86400),
	U("pap-max-authreq", pap_max_authreq, 1, 10000),
	U("pap-timeout", pap_timeout, 0, 86400),
	U("chap-restart", chap_restart, 1, 86400),
	U("chap-max-challenge", chap_max_challenge, 1, 10000),
	U("chap-interval", chap_interval, 0, 86400),
	F("chap-allow-own-name", chap_allow_own_name, true),

	/* Naming, scripts, logging. */
	S("ipparam", ipparam, "a string"),
	FA("linkname", set_linkname, linkname, "a name without '/' of at most 63 bytes"),
	FA("ifname", set_ifname, ifname, "an interface name (1-15 bytes, no '/', ':' or spaces)"),
	FX("unit", set_unit, "a unit number (0 or more)"),
	F("debug", debug, true),
	F("nodebug", debug, false),
	FX("kdebug", set_kdebug, "a number 0-255"),
	S("logfile", logfile, "a file name"),
	S("run-dir", run_dir, "a directory for pid files"),
	S("lock-dir", lock_dir, "a directory for UUCP lock files"),

	/* PPPoE: pppd's rp-pppoe plugin (both spellings), the concentrator. */
	FX("plugin", set_plugin, "a plugin name (rp-pppoe.so or pppoe.so)"),
	FX("connect", set_connect, "a command"),
	S("pppoe-service", pppoe.service, "a service name"),
	S("rp_pppoe_service", pppoe.service, "a service name"),
	S("pppoe-ac", pppoe.ac, "an access concentrator name"),
	S("rp_pppoe_ac", pppoe.ac, "an access concentrator name"),
	FA("pppoe-host-uniq", set_hex, pppoe.host_uniq, "an even number of hex digits (at most 64)"),
	FA("host-uniq", set_hex, pppoe.host_uniq, "an even number of hex digits (at most 64)"),
	U("pppoe-padi-timeout", pppoe.padi_timeout, 1, 3600),
	U("pppoe-padi-attempts", pppoe.padi_attempts, 1, 1000),
	FA("pppoe-mac", set_mac, pppoe.mac, "a MAC address such as 00:11:22:33:44:55"),
	FA("rp_pppoe_mac", set_mac, pppoe.mac, "a MAC address such as 00:11:22:33:44:55"),
	FA("pppoe-sess", set_pppoe_sess, pppoe.sess, "SESSION-ID:MAC such as 17:00:11:22:33:44:55"),
	FA("rp_pppoe_sess", set_pppoe_sess, pppoe.sess, "SESSION-ID:MAC such as 17:00:11:22:33:44:55"),
	FX("pppoe-verbose", set_noop_arg, "0 or 1"),
	FX("rp_pppoe_verbose", set_noop_arg, "0 or 1"),
	S("pppoe-ac-name", pppoe.ac_name, "a name"),
	FX("pppoe-service-name", add_service, "a service name"),
	U("pppoe-padi-limit", pppoe.padi_limit, 0, 1000000),
	U("pppoe-pado-delay", pppoe.pado_delay, 0, 60000),
	U("pppoe-max-sessions-per-mac", max_per_source, 0, 1000000),
	F("default-asyncmap", default_asyncmap, true),

	/* More options. */
	FX("file", set_file, "a file name"),
	FX("call", set_call, "a peer name under peers/ (no leading '/' or '..')"),
	FX("etc-dir", set_etc_dir, "a directory"),

	/* "Don't do X" for features nlpppd never does: accepted, as pppd does. */
	NOOP("noipx"), NOOP("noproxyarp"),
	NOOP("refuse-eap"),
	NOOP("nomp"), NOOP("noendpoint"),

	/* pppd options for features nlpppd lacks: say so, not "unrecognized". */
	UNSUP("disconnect"), UNSUP("init"), UNSUP("welcome"),
	UNSUP("demand"), UNSUP("proxyarp"),
	UNSUP("require-eap"),
	UNSUP("multilink"), UNSUP("mp"), UNSUP("callback"),
	UNSUP("active-filter"), UNSUP("pass-filter"), UNSUP("ktune"),
	UNSUP("ipv6cp-use-ipaddr"), UNSUP("ipv6cp-use-persistent"),
};

static const struct opt *find_opt(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (!strcmp(options[i].name, name))
			return &options[i];
	return NULL;
}

/* ---- bare words: device, speed, local:remote -------------------------- */

static int set_device(struct src *s, const char *path)
{
	char sh[SHOWN_MAX + 8];

	if (strlen(path) >= sizeof(s->c->device)) {
		perr(s, "device name '%s' is too long", shown(path, sh));
		return -EINVAL;
	}
	strcpy(s->c->device, path);
	return 0;
}

static int set_ip_pair(struct src *s, const char *word)
{
	char local[MAX_WORD], sh[SHOWN_MAX + 8];
	const char *colon = strchr(word, ':');
	struct in_addr l = { 0 }, r = { 0 };
	size_t llen = (size_t)(colon - word);

	memcpy(local, word, llen);
	local[llen] = 0;
	if (strchr(colon + 1, ':') || (llen && !parse_ipv4(local, &l)) ||
	    (colon[1] && !parse_ipv4(colon + 1, &r))) {
		perr(s, "'%s' is not a valid <local>:<remote> pair of IPv4 addresses",
		     shown(word, sh));
		return -EINVAL;
	}
	if (l.s_addr)
		s->c->local_ip = l;
	if (r.s_addr)
		s->c->remote_ip = r;
	return 0;
}

static int bare_word(struct src *s, const char *word)
{
	char path[PATH_MAX], sh[SHOWN_MAX + 8];
	unsigned long long v;
	struct stat st;

	if (word[0] == '/')
		return set_device(s, word);
	if (word[0] >= '0' && word[0] <= '9' && strspn(word, "0123456789") == strlen(word)) {
		/* pppd takes a decimal number as the speed. */
		errno = 0;
		v = strtoull(word, NULL, 10);
		if (errno || v > UINT_MAX) {
			perr(s, "speed '%s' is out of range", shown(word, sh));
			return -EINVAL;
		}
		s->c->speed = (unsigned int)v;
		return 0;
	}
	if (!strncasecmp(word, "PPPoE:", 6))
		return set_pppoe_device(s, word);
	/* pppd's PPPoE plugin claims nic-IF, and IF when it is an interface. */
	if (!strncmp(word, "nic-", 4) && word[4])
		return set_pppoe_iface(s, word + 4);
	if (s->c->pppoe.plugin && !strchr(word, ':') && strlen(word) < IF_NAMESIZE &&
	    if_nametoindex(word))
		return set_pppoe_iface(s, word);
	if (strchr(word, ':'))
		return set_ip_pair(s, word);
	if (*word && (size_t)snprintf(path, sizeof(path), "/dev/%s", word) < sizeof(path) &&
	    stat(path, &st) == 0 && S_ISCHR(st.st_mode))
		return set_device(s, path);
	perr(s, "unrecognized option '%s'", shown(word, sh));
	return -EINVAL;
}

/* ---- parsing ---------------------------------------------------------- */

static int apply_word(struct src *s, const char *word, bool first)
{
	char what[64];
	const struct opt *o = find_opt(word);
	const char *arg = NULL;
	int r;

	s->first = first;
	if (!o)
		return bare_word(s, word);
	if (o->has_arg) {
		r = src_next(s, s->arg, &arg);
		if (r < 0)
			return r;
		if (r == 0) {
			if (o->set == set_uint)
				snprintf(what, sizeof(what), "a number in %llu..%llu",
					 o->lo, o->hi);
			perr(s, "option '%s' requires an argument (%s)", o->name,
			     o->set == set_uint ? what : o->what);
			return -EINVAL;
		}
	}
	return o->set(s, o, arg);
}

static int parse_src(struct src *s)
{
	char word[MAX_WORD];
	const char *w;
	bool first = true;
	int r;

	for (;;) {
		r = src_next(s, word, &w);
		if (r <= 0)
			break;
		s->line = s->argv ? 0 : s->w.word_line;
		r = apply_word(s, w, first);
		if (r < 0)
			break;
		first = false;
	}
	/* The words may have held a password. */
	explicit_bzero(word, sizeof(word));
	explicit_bzero(s->arg, sizeof(s->arg));
	return r < 0 ? -EINVAL : 0;
}

static int parse_text_in(struct nl_config *c, const char *text, size_t len,
			 const char *origin, int depth, bool quiet)
{
	struct src s = {
		.c = c,
		.origin = origin ? origin : "(options)",
		.depth = depth,
		.quiet = quiet,
	};

	nl_words_init(&s.w, text, len);
	return parse_src(&s);
}

int nl_config_parse_text(struct nl_config *c, const char *text, size_t len,
			 const char *origin, int depth)
{
	return parse_text_in(c, text, len, origin, depth, false);
}

/*
 * Options can run commands as root (pty), so a file that others can change
 * is refused: writable by everyone, writable by its group unless root owns
 * it (Debian's root:dip peers files), or a regular file owned by neither
 * root nor the user running us. A pipe's owner is whoever made it (the
 * shell behind "file <(...)"), so only its mode counts.
 */
static bool others_can_write(const struct stat *st)
{
	if (st->st_mode & S_IWOTH)
		return true;
	if (st->st_uid != 0 && (st->st_mode & S_IWGRP))
		return true;
	return S_ISREG(st->st_mode) && st->st_uid != 0 && st->st_uid != getuid();
}

/*
 * Read a whole options file. FIFOs are allowed (pppd users write
 * "file <(echo password x)"); devices are not, so "file /dev/zero" or
 * "file /dev/stdin" cannot hang or eat memory.
 */
static int read_options_file(const char *path, char **out, size_t *outlen)
{
	struct stat st;
	size_t len = 0, cap = 4096;
	char *buf = NULL, *nb;
	ssize_t n;
	int fd, err;

	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))) {
		err = -EINVAL;
		goto err_close;
	}
	if (others_can_write(&st)) {
		err = -EPERM;
		goto err_close;
	}
	if (S_ISFIFO(st.st_mode))
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		if (len == cap || !buf) {
			if (cap > MAX_OPTIONS_FILE) {
				err = -EFBIG;
				goto err_free;
			}
			nb = realloc(buf, buf ? cap * 2 : cap);
			if (!nb) {
				err = -ENOMEM;
				goto err_free;
			}
			if (buf)
				cap *= 2;
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			goto err_free;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	*out = buf;
	*outlen = len;
	return 0;

err_free:
	if (buf)
		explicit_bzero(buf, len);
	free(buf);
err_close:
	close(fd);
	return err;
}

static int parse_file_in(struct nl_config *c, const char *path, bool optional,
			 int depth, bool quiet)
{
	char *text = NULL;
	size_t len = 0;
	int r;

	r = read_options_file(path, &text, &len);
	if (r == -ENOENT && optional)
		return 0;
	if (r < 0) {
		fprintf(stderr, "nlpppd: cannot read options file %s: %s\n", path,
			r == -EPERM ? "others can change it (make it owned by root and "
				      "not group or world writable)" :
			r == -EINVAL ? "not a regular file or pipe" :
			r == -EFBIG ? "larger than 1 MiB" : strerror(-r));
		return -EINVAL;
	}
	r = parse_text_in(c, text, len, path, depth, quiet);
	explicit_bzero(text, len);
	free(text);
	return r;
}

int nl_config_parse_file(struct nl_config *c, const char *path, bool optional,
			 int depth)
{
	return parse_file_in(c, path, optional, depth, false);
}

static int parse_args(struct nl_config *c, int argc, char **argv, bool quiet)
{
	struct src s = {
		.c = c,
		.quiet = quiet,
		.argv = argv,
		.argc = argc,
		.argi = 1,
	};

	return parse_src(&s);
}

/* <etc>/options.<ttyname>: "/dev/" stripped, other '/' turned into '.'. */
static bool tty_options_path(const struct nl_config *c, char *buf, size_t size)
{
	const char *dev = c->device, *p = strstr(dev, "/dev/");
	size_t base;
	int n;

	if (p)
		dev = p + 5;
	if (!*dev || !strcmp(dev, "tty"))	/* the controlling terminal */
		return false;
	n = snprintf(buf, size, "%s/options.", c->etc_ppp);
	if (n < 0 || (size_t)n >= size)
		return false;
	base = (size_t)n;
	if ((size_t)snprintf(buf + base, size - base, "%s", dev) >= size - base)
		return false;
	for (p = buf + base; *p; p++)
		if (*p == '/')
			buf[p - buf] = '.';
	return true;
}

static int join(char *buf, size_t size, const char *dir, const char *name)
{
	if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size) {
		fprintf(stderr, "nlpppd: path %s/%s is too long\n", dir, name);
		return -EINVAL;
	}
	return 0;
}

int nl_config_parse_argv(struct nl_config *c, int argc, char **argv)
{
	struct src pre = { .c = c };
	struct nl_config base;
	char path[PATH_MAX];
	const char *home;
	struct stat st;
	int r;

	/* etc-dir must take effect before <etc>/options is read. */
	if (argc > 2 && !strcmp(argv[1], "etc-dir")) {
		if (check_etc_dir(&pre, argv[2]))
			return -EINVAL;
		strcpy(c->etc_ppp, argv[2]);
	}

	if (join(path, sizeof(path), c->etc_ppp, "options") ||
	    nl_config_parse_file(c, path, true, 0))
		return -EINVAL;

	home = secure_getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (home && *home && (join(path, sizeof(path), home, ".ppprc") ||
			      nl_config_parse_file(c, path, true, 0)))
		return -EINVAL;

	/*
	 * pppd reads options.<ttyname> before the command line, though only
	 * the command line (or a file it names) tells which tty that is. So:
	 * parse the arguments once to learn the device, then start again
	 * from the state before them with options.<ttyname> first.
	 */
	base = *c;
	r = parse_args(c, argc, argv, false);
	if (!r && tty_options_path(c, path, sizeof(path)) && stat(path, &st) == 0) {
		*c = base;
		r = nl_config_parse_file(c, path, true, 0);
		if (!r)
			r = parse_args(c, argc, argv, true);
	}
	explicit_bzero(&base, sizeof(base));
	if (r)
		return -EINVAL;
	return nl_config_check(c);
}

int nl_config_check(const struct nl_config *c)
{
	const char *msg = NULL;

	if (c->pty_cmd[0] && c->notty)
		msg = "options 'pty' and 'notty' cannot be used together";
	else if (c->pty_cmd[0] && c->device[0])
		msg = "option 'pty' cannot be used with a device name";
	else if (c->notty && c->device[0])
		msg = "option 'notty' cannot be used with a device name";
	else if (c->socket[0] && (c->pty_cmd[0] || c->notty || c->device[0]))
		msg = "option 'socket' cannot be used with pty, notty or a device name";
	else if (c->pppoe.iface[0] && (c->socket[0] || c->pty_cmd[0] || c->notty || c->device[0]))
		msg = "a PPPoE interface cannot be used with socket, pty, notty or a device name";
	else if (c->pppoe.connect && !c->pppoe.iface[0])
		msg = "option 'connect' is a pppd option that nlpppd does not support "
		      "(with PPPoE it is accepted and ignored: the session needs no script)";
	else if ((c->listen[0] || c->pppoe.nlisten) &&
		 (c->socket[0] || c->pty_cmd[0] || c->notty || c->device[0] || c->pppoe.iface[0]))
		msg = "option 'listen' cannot be used with socket, pty, notty or a device name";
	else if (c->listen[0] && c->pppoe.nlisten)
		msg = "give either 'listen [ADDR:]PORT' or 'listen pppoe:IFACE', not both";
	else if ((c->listen[0] || c->socket[0]) && c->dataplane == NL_DP_KERNEL)
		msg = "PPP over TCP runs on the user data plane only (the kernel's line "
		      "discipline needs a tty): drop 'dataplane kernel'";
	else if (c->pool_first && !c->listen[0] && !c->pppoe.nlisten)
		msg = "option 'remote-ip-pool' needs 'listen' (it serves many peers)";
	else if (c->local_ip.s_addr && c->local_ip.s_addr == c->remote_ip.s_addr)
		msg = "the local and remote IP addresses must differ";
	else if (c->ipv6_local_id && c->ipv6_local_id == c->ipv6_remote_id)
		msg = "the local and remote IPv6 interface identifiers must differ";
	if (msg) {
		fprintf(stderr, "nlpppd: %s\n", msg);
		return -EINVAL;
	}
	return 0;
}

void nl_config_defaults(struct nl_config *c)
{
	static const struct nl_fsm_conf lcp = { 3, 10, 3, 5 }, ncp = { 3, 10, 3, 10 };
	const char *etc = secure_getenv("NLPPPD_ETC");

	memset(c, 0, sizeof(*c));
	c->lcp = lcp;
	c->ipcp = ncp;
	c->ipv6cp = ncp;
	c->pap_restart = 3;
	c->pap_max_authreq = 10;
	c->pap_timeout = 30;	/* pppd's: an authenticator never waits for ever */
	c->chap_restart = 3;
	c->chap_max_challenge = 10;
	c->maxfail = 10;
	c->holdoff = 30;	/* pppd's */
	c->unit = -1;
	c->dataplane = NL_DP_AUTO;
	/* pppd's: Deflate (both numbers) and BSD-Compress at 15 bits; MPPE
	 * and Predictor-1 only when asked for. */
	c->ccp_methods = PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT | PPP_CCP_BSD;
	c->deflate_rx = c->deflate_tx = 15;
	c->bsd_rx = c->bsd_tx = 15;
	c->vj_max_slots = PPP_IPCP_VJ_SLOTS_MAX;	/* VJ on, slot-id compression on */
	if (etc && *etc && strlen(etc) < sizeof(c->etc_ppp))
		strcpy(c->etc_ppp, etc);
	else
		strcpy(c->etc_ppp, "/etc/ppp");
	strcpy(c->run_dir, "/run");
	strcpy(c->lock_dir, "/var/lock");
}
