// SPDX-License-Identifier: GPL-2.0
/*
 * pap-secrets and chap-secrets, read the way pppd reads them. Secret values
 * never reach a message; every buffer that held one is wiped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "config.h"
#include "log.h"
#include "secrets.h"

enum {
	MAX_WORD = 1024,
	MAX_SECRETS_FILE = 4 << 20,
};

/* One line of the file while it is being read. */
struct entry {
	struct nl_secret s;
	unsigned int line;
	unsigned int nwords;
	const char *error;		/* why the line cannot be used */
	unsigned int bad_word;		/* 1-based word it is about, 0 = none */
};

static bool is_wild(const char *name)
{
	return name[0] == '*' && name[1] == 0;
}

static bool copy_field(char *dst, size_t size, const char *word)
{
	size_t len = strlen(word);

	if (len >= size)
		return false;
	memcpy(dst, word, len + 1);
	return true;
}

/* "*", "a.b.c.d", "a.b.c.d/n", each optionally after "!". */
static bool parse_addr(const char *word, struct nl_secret_addr *a)
{
	char buf[INET_ADDRSTRLEN];
	const char *slash;
	unsigned long n = 32;
	size_t len;
	char *end;

	memset(a, 0, sizeof(*a));
	if (is_wild(word)) {
		a->any = true;
		return true;
	}
	if (*word == '!') {
		a->negate = true;
		word++;
	}
	slash = strchr(word, '/');
	len = slash ? (size_t)(slash - word) : strlen(word);
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, word, len);
	buf[len] = 0;
	if (inet_pton(AF_INET, buf, &a->addr) != 1)
		return false;
	if (slash) {
		if (slash[1] < '0' || slash[1] > '9')
			return false;
		errno = 0;
		n = strtoul(slash + 1, &end, 10);
		if (errno || *end || n > 32)
			return false;
	}
	a->prefix = (unsigned int)n;
	if (n < 32)	/* "10.0.0.5/24" means the whole 10.0.0.0/24 */
		a->addr.s_addr &= htonl(n ? ~0u << (32 - n) : 0);
	return true;
}

static void add_word(struct entry *e, const char *word)
{
	struct nl_secret *s = &e->s;
	unsigned int i = e->nwords++;

	if (e->error)
		return;
	if (i == 0 && !copy_field(s->client, sizeof(s->client), word))
		e->error = "client name is longer than 255 bytes";
	else if (i == 1 && !copy_field(s->server, sizeof(s->server), word))
		e->error = "server name is longer than 255 bytes";
	else if (i == 2 && !copy_field(s->secret, sizeof(s->secret), word))
		e->error = "secret is longer than 255 bytes";
	else if (i == 2)
		s->secret_len = strlen(word);
	else if (i == 3 && !strcmp(word, "-"))
		s->no_addrs = true;
	else if (i < 3 || s->no_addrs)
		return;	/* after "-" nothing else is allowed anyway */
	else if (s->naddrs == NL_SECRET_MAX_ADDRS)
		e->error = "is one address too many (at most 16)";
	else if (!parse_addr(word, &s->addrs[s->naddrs]))
		e->error = "is not an address (*, -, a.b.c.d[/n] or !a.b.c.d[/n]); is a secret with spaces unquoted?";
	else
		s->naddrs++;
	/* Name the word by position: a misplaced secret must not be echoed. */
	if (e->error && i >= 3)
		e->bad_word = i + 1;
}

/* 2 = both names exact, 1 = one wildcard, 0 = both wildcards, -1 = no match. */
static int score(const struct nl_secret *s, const char *client, const char *server)
{
	if (!is_wild(s->client) && client && strcmp(s->client, client))
		return -1;
	if (!is_wild(s->server) && server && strcmp(s->server, server))
		return -1;
	return !is_wild(s->client) + !is_wild(s->server);
}

/*
 * "@/absolute/path": the secret is the first line of that file. Nothing of
 * the word reaches a message, not even the path: "@/..." may be a mistyped
 * secret. The messages name the secrets file and the line instead.
 */
static bool names_a_file(const struct nl_secret *s)
{
	return s->secret[0] == '@' && s->secret[1] == '/';
}

static int file_error(const char *origin, unsigned int line, int err,
		      const char *why)
{
	nl_err("the @file named on line %u of %s cannot be read: %s", line, origin,
	       why ? why : strerror(err));
	return -err;
}

static int secret_from_file(struct nl_secret *s, const char *origin,
			    unsigned int line)
{
	char path[sizeof(s->secret)], buf[sizeof(s->secret) + 2];
	size_t len = 0;
	struct stat st;
	ssize_t n;
	int fd = -1, r, err = 0;
	char *nl;

	memcpy(path, s->secret + 1, s->secret_len);	/* includes the NUL */
	explicit_bzero(s->secret, sizeof(s->secret));
	s->secret_len = 0;
	/* A regular file only: "@/dev/zero" or a FIFO must not hang us. */
	if (stat(path, &st) < 0)
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = EINVAL;
	if (!err) {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0)
			err = errno;
	}
	explicit_bzero(path, sizeof(path));
	if (err)
		return file_error(origin, line, err,
				  err == EINVAL ? "not a regular file" : NULL);
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				err = errno;
			break;
		}
		len += (size_t)n;
		if (memchr(buf, '\n', len))
			break;
	}
	close(fd);
	nl = memchr(buf, '\n', len);
	if (nl)
		len = (size_t)(nl - buf);
	if (len && buf[len - 1] == '\r')
		len--;
	if (err || len >= sizeof(s->secret) || memchr(buf, 0, len)) {
		r = file_error(origin, line, err ? err : EINVAL, err ? NULL :
			       len >= sizeof(s->secret) ? "its first line is longer than 255 bytes" :
			       "it is not text (it has a NUL byte)");
		explicit_bzero(buf, sizeof(buf));
		return r;
	}
	memcpy(s->secret, buf, len);
	s->secret[len] = 0;
	s->secret_len = len;
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

int nl_secrets_lookup_text(const char *text, size_t len, const char *origin,
			   const char *client, const char *server,
			   struct nl_secret *out)
{
	struct entry *cur, *best;
	char word[MAX_WORD];
	struct nl_words w;
	int r, sc, best_score = -1;

	cur = calloc(2, sizeof(*cur));
	if (!cur)
		return -ENOMEM;
	best = cur + 1;
	nl_words_init(&w, text, len);
	for (;;) {
		r = nl_words_next(&w, word, sizeof(word));
		if (r < 0) {
			nl_err("%s:%u: %s", origin, w.word_line,
			       r == -E2BIG ? "a word is longer than 1023 bytes" :
			       r == -EILSEQ ? "a word contains a NUL byte" :
			       "quote opened here is never closed");
			r = -EINVAL;
			goto out;
		}
		/* A line ends an entry; lines with under three words are skipped. */
		if ((r == 0 || w.newline) && cur->nwords >= 3) {
			sc = score(&cur->s, client, server);
			if (sc > best_score) {
				best_score = sc;
				*best = *cur;
			}
		}
		if (r == 0)
			break;
		if (w.newline) {
			explicit_bzero(cur, sizeof(*cur));
			cur->line = w.word_line;
		}
		add_word(cur, word);
	}

	if (best_score < 0) {
		r = -ENOENT;
	} else if (best->error) {
		/* Fail closed: the entry that applies is broken. */
		if (best->bad_word)
			nl_err("%s:%u: word %u %s", origin, best->line,
			       best->bad_word, best->error);
		else
			nl_err("%s:%u: %s", origin, best->line, best->error);
		r = -EINVAL;
	} else {
		r = 0;
		if (names_a_file(&best->s))
			r = secret_from_file(&best->s, origin, best->line);
		if (!r)
			*out = best->s;
	}
out:
	explicit_bzero(word, sizeof(word));
	explicit_bzero(cur, 2 * sizeof(*cur));
	free(cur);
	return r;
}

int nl_secrets_lookup(const char *path, const char *client, const char *server,
		      struct nl_secret *out)
{
	size_t len = 0, cap = 0;
	char *buf = NULL, *nb;
	struct stat st;
	ssize_t n;
	int fd, r;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		r = -errno;
		if (r == -ENOENT)
			nl_err("%s: no such file (create it, owned by root, mode 600)", path);
		else
			nl_err("%s: %s", path, strerror(-r));
		return r;
	}
	if (fstat(fd, &st) < 0) {
		r = -errno;
		nl_err("%s: %s", path, strerror(-r));
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		nl_err("%s: not a regular file", path);
		r = -EINVAL;
		goto out_close;
	}
	if (st.st_uid != 0 || (st.st_mode & 006)) {
		nl_err("%s: must be owned by root and not readable or writable by others (chmod 600)",
		       path);
		r = -EPERM;
		goto out_close;
	}
	for (;;) {
		if (len == cap) {
			if (cap >= MAX_SECRETS_FILE) {
				nl_err("%s: larger than 4 MiB", path);
				r = -EFBIG;
				goto out_free;
			}
			/* Grow by copying so no stale copy of a secret is left behind. */
			nb = malloc(cap ? cap * 2 : 4096);
			if (!nb) {
				r = -ENOMEM;
				goto out_free;
			}
			if (buf) {
				memcpy(nb, buf, len);
				explicit_bzero(buf, len);
				free(buf);
			}
			buf = nb;
			cap = cap ? cap * 2 : 4096;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			nl_err("%s: %s", path, strerror(-r));
			goto out_free;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	r = nl_secrets_lookup_text(buf, len, path, client, server, out);
out_free:
	if (buf)
		explicit_bzero(buf, len);
	free(buf);
out_close:
	close(fd);
	return r;
}

bool nl_secret_addr_allowed(const struct nl_secret *s, struct in_addr addr)
{
	return nl_secret_addrs_allowed(&s->a, addr);
}

bool nl_secret_addrs_allowed(const struct nl_secret_addrs *s, struct in_addr addr)
{
	bool allowed = false;
	unsigned int i;
	uint32_t a = ntohl(addr.s_addr), net, mask;

	if (addr.s_addr == 0)	/* nothing asked, nothing to refuse */
		return true;
	/* pppd: three words, or "-", allow no address; "*" allows any. */
	if (s->no_addrs || s->naddrs == 0)
		return false;
	for (i = 0; i < s->naddrs; i++) {
		const struct nl_secret_addr *e = &s->addrs[i];
		bool match;

		if (e->any) {
			match = true;
		} else {
			mask = e->prefix ? ~0u << (32 - e->prefix) : 0;
			net = ntohl(e->addr.s_addr);
			match = (a & mask) == (net & mask);
		}
		if (match && e->negate)
			return false;
		if (match)
			allowed = true;
	}
	return allowed;
}

void nl_secret_wipe(struct nl_secret *s)
{
	explicit_bzero(s, sizeof(*s));
}
