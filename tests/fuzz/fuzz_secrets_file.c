// SPDX-License-Identifier: GPL-2.0
/*
 * The "@" secrets, both ways. The input is (1) the content of a file named
 * as "@/tmp/.../secret": the secret must be its first line or the lookup
 * fail; and (2) a word written after "@" in the secrets text: unless it is
 * an absolute path it is the literal secret, silently, and no message ever
 * carries the word (messages go to a log file that is checked).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "secrets.h"

enum { MAX_WORD = 200 };

static char dir[] = "/tmp/fuzz_secrets_file.XXXXXX";
static char secret_path[64], log_path[64];

static void cleanup(void)
{
	nl_log_set_file("");
	unlink(secret_path);
	unlink(log_path);
	rmdir(dir);
}

static void setup(void)
{
	if (!mkdtemp(dir))
		abort();
	snprintf(secret_path, sizeof(secret_path), "%s/secret", dir);
	snprintf(log_path, sizeof(log_path), "%s/log", dir);
	nl_log_set_stderr(false);
	if (nl_log_set_file(log_path) < 0)
		abort();
	atexit(cleanup);
}

/* What was logged since the last call (NUL-terminated, truncated at 4 KiB). */
static const char *take_log(void)
{
	static char buf[4096];
	ssize_t n = 0;
	int fd = open(log_path, O_RDONLY);

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = 0;
	if (truncate(log_path, 0) < 0)
		abort();
	return buf;
}

static void write_secret_file(const uint8_t *data, size_t size)
{
	int fd = open(secret_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
}

/* (1) "@/path": the first line of the file, without "\r\n", or an error. */
static void from_file(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t line = nl ? (size_t)(nl - data) : size;
	struct nl_secret s;
	char text[128];
	int r;

	if (line && data[line - 1] == '\r')
		line--;
	write_secret_file(data, size);
	snprintf(text, sizeof(text), "alice gw @%s *\n", secret_path);
	r = nl_secrets_lookup_text(text, strlen(text), "fuzz", "alice", "gw", &s);
	if (line < sizeof(s.secret) && !memchr(data, 0, line)) {
		if (r || s.secret_len != line || memcmp(s.secret, data, line) ||
		    s.secret[line] || !s.addrs[0].any)
			abort();
	} else if (r != -EINVAL) {
		abort();
	}
	if (!r)
		nl_secret_wipe(&s);
	take_log();
}

/* (2) "@word": literal unless "@/..."; the word never reaches a message. */
static void at_word(const uint8_t *data, size_t size)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789/._-~@";
	char word[MAX_WORD + 1], text[MAX_WORD + 32];
	struct nl_secret s;
	const char *log;
	size_t i, n = size < MAX_WORD ? size : MAX_WORD;
	int r;

	/* Bytes of the set stay as they are, so seeds read as words. */
	for (i = 0; i < n; i++)
		word[i] = data[i] && strchr(set, data[i]) ? (char)data[i] :
			  set[data[i] % (sizeof(set) - 1)];
	word[n] = 0;
	snprintf(text, sizeof(text), "alice gw @%s\n", word);
	r = nl_secrets_lookup_text(text, strlen(text), "fuzz", "alice", "gw", &s);
	log = take_log();
	if (word[0] != '/') {
		if (r || s.secret[0] != '@' || strcmp(s.secret + 1, word) || log[0])
			abort();
	} else if (n >= 8 && strstr(log, word)) {
		abort();
	}
	if (!r)
		nl_secret_wipe(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;

	if (!ready) {
		setup();
		ready = true;
	}
	from_file(data, size);
	at_word(data, size);
	return 0;
}
