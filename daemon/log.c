// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "event.h"
#include "localfile.h"
#include "log.h"

/* Process-wide by nature: one log per daemon, not per session. */
static bool log_stderr = true;
static bool log_debug;
static bool log_syslog;
static FILE *log_file;
static bool log_journal;	/* stderr is the journal's stream */

/*
 * systemd sets JOURNAL_STREAM to the "device:inode" of the stream it gives
 * a service as stderr; a child whose stderr went elsewhere inherits the
 * variable, so the descriptor itself is compared.
 */
static bool stderr_is_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!env || sscanf(env, "%llu:%llu", &dev, &ino) != 2 || fstat(2, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

void nl_log_init(const char *ident, bool to_stderr)
{
	openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	log_syslog = true;
	log_stderr = to_stderr;
	log_journal = stderr_is_journal();
}

void nl_log_set_stderr(bool on)
{
	log_stderr = on;
}

void nl_log_set_debug(bool on)
{
	log_debug = on;
}

bool nl_log_debug_enabled(void)
{
	return log_debug;
}

int nl_log_set_file(const char *path)
{
	int fd;

	if (log_file) {
		fclose(log_file);
		log_file = NULL;
	}
	if (!path || !*path)
		return 0;
	fd = nl_file_open_append(path);
	if (fd < 0)
		return fd;
	log_file = fdopen(fd, "a");
	if (!log_file) {
		int err = -errno;

		close(fd);
		return err;
	}
	setvbuf(log_file, NULL, _IOLBF, 0);
	return 0;
}

static void log_msg(int prio, const char *msg)
{
	/*
	 * To the journal once: through stderr with the priority as sd-daemon(3)'s
	 * "<N>" prefix; the journal adds the time and the unit's name.
	 */
	if (log_stderr && log_journal) {
		fprintf(stderr, "<%d>%s\n", prio, msg);
	} else {
		if (log_syslog)
			syslog(prio, "%s", msg);
		if (log_stderr)
			fprintf(stderr, "nlpppd: %s\n", msg);
	}
	if (log_file) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;

		strftime(ts, sizeof(ts), "%b %d %H:%M:%S",
			 localtime_r(&now, &tm));
		fprintf(log_file, "%s %s\n", ts, msg);
	}
}

void nl_log(int prio, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_msg(prio, msg);
}

bool nl_ratelimit_check(struct nl_ratelimit *rl, uint64_t now_ms, unsigned int *report)
{
	*report = 0;
	if (!rl->started || now_ms - rl->begin_ms >= NL_RATELIMIT_MS) {
		/* A new interval: what the last one held back is told now. */
		*report = rl->suppressed;
		rl->suppressed = 0;
		rl->begin_ms = now_ms;
		rl->printed = 0;
		rl->started = true;
	}
	if (rl->printed >= NL_RATELIMIT_BURST) {
		rl->suppressed++;
		return false;
	}
	rl->printed++;
	return true;
}

static void report_suppressed(unsigned int n)
{
	if (n)
		nl_log(LOG_WARNING, "%u similar message%s suppressed", n, n == 1 ? "" : "s");
}

void nl_ratelimit_flush(struct nl_ratelimit *rl)
{
	report_suppressed(rl->suppressed);
	rl->suppressed = 0;
}

void nl_log_ratelimited(struct nl_ratelimit *rl, int prio, const char *fmt, ...)
{
	char msg[1024];
	unsigned int report;
	va_list ap;

	if (!nl_ratelimit_check(rl, nl_now_ms(), &report))
		return;
	report_suppressed(report);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_msg(prio, msg);
}
