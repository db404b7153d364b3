// SPDX-License-Identifier: GPL-2.0
/*
 * UUCP lock files: <lock_dir>/LCK..<tty basename> holding the owner's pid
 * as ten ASCII columns and a newline, the format minicom, cu and pppd
 * agree on. The file is written under a temporary name and hard-linked
 * into place, so another locker sees either no file or a complete one;
 * link() is atomic even where O_EXCL is not (old NFS).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "transport/transport.h"

/* Give up after this many stale locks vanish or reappear under us. */
enum { LOCK_ATTEMPTS = 5 };

static const char *dev_basename(const char *dev)
{
	const char *s = strrchr(dev, '/');

	return s ? s + 1 : dev;
}

/* Write our pid to a fresh temporary file in @dir; its name goes to @tmp. */
static int write_pid_file(const char *dir, char *tmp, size_t tmpsz)
{
	char buf[16];
	int fd, len, err = 0;

	if ((size_t)snprintf(tmp, tmpsz, "%s/LTMP.%d.XXXXXX", dir, (int)getpid()) >= tmpsz)
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = snprintf(buf, sizeof(buf), "%10d\n", (int)getpid());
	/* Readable by everyone: other programs check who holds the line. */
	errno = 0;
	if (fchmod(fd, 0644) < 0 || write(fd, buf, len) != len)
		err = errno ? -errno : -EIO;
	if (close(fd) < 0 && !err)
		err = -errno;
	if (err)
		unlink(tmp);
	return err;
}

int nl_lock_parse_pid(const char *buf, size_t len)
{
	char text[32];
	long pid;
	char *end;
	size_t i;

	/* Some old programs wrote the pid as a binary int. */
	if (len == sizeof(int)) {
		int bin;

		memcpy(&bin, buf, sizeof(bin));
		return bin > 0 ? bin : 0;
	}
	if (len == 0 || len >= sizeof(text))
		return 0;
	memcpy(text, buf, len);
	text[len] = '\0';
	if (strlen(text) != len)
		return 0;	/* a NUL inside */
	errno = 0;
	pid = strtol(text, &end, 10);
	if (errno || end == text || pid <= 0 || pid > 0x3fffffff)
		return 0;
	for (i = (size_t)(end - text); i < len; i++)
		if (text[i] != ' ' && text[i] != '\n')
			return 0;
	return (int)pid;
}

/*
 * The pid in an existing lock file: > 0, or 0 when the file is empty or
 * garbage (treated as stale), or -errno when it cannot be read (-ENOENT:
 * it went away meanwhile). Lock directories are often world-writable
 * (1777): whatever sits at @path may be a FIFO (open() would block), a
 * device or a symlink. Only a regular file is a lock we may judge; anything
 * else is -EBUSY, "locked by something else", and left alone.
 */
static int read_lock_pid(const char *path)
{
	char buf[32];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);

	if (fd < 0 && (errno == ELOOP || errno == ENXIO || errno == EISDIR)) {
		nl_err("lock: %s is not a regular file (%s); leaving it alone",
		       path, errno == ELOOP ? "a symbolic link" : strerror(errno));
		return -EBUSY;
	}
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		nl_err("lock: %s is not a regular file; leaving it alone", path);
		return -EBUSY;
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -errno;
	return nl_lock_parse_pid(buf, (size_t)n);
}

int nl_lock_acquire(const char *lock_dir, const char *dev, char *path, size_t pathsz)
{
	const char *name = dev_basename(dev);
	char tmp[512];
	int err, attempt;

	if (!*name) {
		nl_err("lock: no device name in \"%s\"", dev);
		return -EINVAL;
	}
	if ((size_t)snprintf(path, pathsz, "%s/LCK..%s", lock_dir, name) >= pathsz) {
		nl_err("lock: lock file name for %s under %s is too long", name, lock_dir);
		path[0] = '\0';
		return -ENAMETOOLONG;
	}
	err = write_pid_file(lock_dir, tmp, sizeof(tmp));
	if (err) {
		nl_err("lock: cannot create a lock file for %s in %s: %s",
		       name, lock_dir, strerror(-err));
		path[0] = '\0';
		return err;
	}

	for (attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
		int pid;

		if (link(tmp, path) == 0) {
			err = 0;
			goto out;
		}
		if (errno != EEXIST) {
			err = -errno;
			nl_err("lock: cannot create %s: %s", path, strerror(errno));
			goto out;
		}
		pid = read_lock_pid(path);
		if (pid == -ENOENT)
			continue;	/* released meanwhile: try again */
		if (pid == -EBUSY) {
			err = pid;	/* already said why */
			goto out;
		}
		if (pid < 0) {
			err = pid;
			nl_err("lock: cannot read %s: %s", path, strerror(-pid));
			goto out;
		}
		if (pid == getpid()) {
			err = 0;	/* already ours (reopened) */
			goto out;
		}
		if (pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)) {
			err = -EBUSY;
			nl_err("device %s is locked by pid %d", name, pid);
			goto out;
		}
		if (pid > 0)
			nl_info("device %s: removing stale lock of dead pid %d", name, pid);
		else
			nl_info("device %s: removing unreadable lock file %s", name, path);
		if (unlink(path) < 0 && errno != ENOENT) {
			err = -errno;
			nl_err("lock: cannot remove stale %s: %s", path, strerror(errno));
			goto out;
		}
	}
	err = -EBUSY;
	nl_err("device %s: lock file %s keeps changing; giving up", name, path);
out:
	unlink(tmp);
	if (err)
		path[0] = '\0';
	return err;
}

int nl_lock_update(const char *path)
{
	char tmp[512], dir[512];
	char *slash;
	int err;

	if (!path || !*path)
		return 0;
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	err = write_pid_file(dir, tmp, sizeof(tmp));
	if (!err && rename(tmp, path) < 0) {
		err = -errno;
		unlink(tmp);
	}
	if (err)
		nl_err("lock: cannot rewrite %s with pid %d: %s", path, (int)getpid(),
		       strerror(-err));
	return err;
}

void nl_lock_release(const char *path)
{
	if (!path || !*path)
		return;
	if (unlink(path) < 0 && errno != ENOENT)
		nl_warn("lock: cannot remove %s: %s", path, strerror(errno));
}
