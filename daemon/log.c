// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "localfile.h"
#include "log.h"

/* Process-wide by nature: one log per daemon, not per session. */
static bool log_stderr = true;
static bool log_debug;
static bool log_syslog;
static FILE *log_file;

void nl_log_init(const char *ident, bool to_stderr)
{
	openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	log_syslog = true;
	log_stderr = to_stderr;
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

void nl_log(int prio, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (log_syslog)
		syslog(prio, "%s", msg);
	if (log_stderr)
		fprintf(stderr, "nlpppd: %s\n", msg);
	if (log_file) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;

		strftime(ts, sizeof(ts), "%b %d %H:%M:%S",
			 localtime_r(&now, &tm));
		fprintf(log_file, "%s %s\n", ts, msg);
	}
}
