/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files the daemon (root) writes where others may have planted something:
 * pid files, resolv.conf, the log file. Never through a symbolic link.
 */
#ifndef NLPPPD_LOCALFILE_H
#define NLPPPD_LOCALFILE_H

#include <stddef.h>

/*
 * Replace @path with @len bytes of @data, mode 0644: written to a new
 * temporary file in the same directory (O_EXCL) and renamed over @path, so
 * a symlink at @path is replaced, not followed, and readers never see half
 * a file. Returns 0 or -errno.
 */
int nl_file_replace(const char *path, const void *data, size_t len);

/*
 * Open @path for appending (created with mode 0644), refusing a symlink
 * (-ELOOP) and anything but a regular file (-EINVAL); a FIFO cannot block
 * the open. Returns a close-on-exec fd or -errno.
 */
int nl_file_open_append(const char *path);

#endif
