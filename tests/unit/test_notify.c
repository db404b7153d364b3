// SPDX-License-Identifier: GPL-2.0
/*
 * nl_notify(): the sd_notify(3) datagram, received on a socket bound where
 * $NOTIFY_SOCKET says, by path and in the abstract namespace.
 */
#include "test.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"

/* Bind a datagram socket at @name ('@' = abstract); returns the fd. */
static int listener(const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	memcpy(sa.sun_path, name, len);
	if (name[0] == '@')
		sa.sun_path[0] = 0;
	if (bind(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t receive(int fd, char *buf, size_t size)
{
	ssize_t n = recv(fd, buf, size - 1, MSG_DONTWAIT);

	buf[n > 0 ? n : 0] = 0;
	return n;
}

TEST(notify_sends_the_state_to_a_socket_path)
{
	char path[] = "/tmp/nlppp-notify-XXXXXX", sock[64], buf[64];
	int fd;

	CHECK(mkdtemp(path) != NULL);
	snprintf(sock, sizeof(sock), "%s/notify", path);
	fd = listener(sock);
	CHECK(fd >= 0);
	setenv("NOTIFY_SOCKET", sock, 1);
	CHECK_EQ(nl_notify("READY=1"), 1);
	CHECK_EQ(receive(fd, buf, sizeof(buf)), 7);
	CHECK(!strcmp(buf, "READY=1"));
	unsetenv("NOTIFY_SOCKET");
	close(fd);
	unlink(sock);
	rmdir(path);
}

TEST(notify_sends_to_an_abstract_socket)
{
	char name[64], buf[64];
	int fd;

	snprintf(name, sizeof(name), "@nlppp-test-notify-%d", (int)getpid());
	fd = listener(name);
	CHECK(fd >= 0);
	setenv("NOTIFY_SOCKET", name, 1);
	CHECK_EQ(nl_notify("STOPPING=1"), 1);
	receive(fd, buf, sizeof(buf));
	CHECK(!strcmp(buf, "STOPPING=1"));
	unsetenv("NOTIFY_SOCKET");
	close(fd);
}

TEST(notify_without_a_service_manager_does_nothing)
{
	unsetenv("NOTIFY_SOCKET");
	CHECK_EQ(nl_notify("READY=1"), 0);
}

TEST(notify_refuses_a_relative_name_and_reports_a_missing_socket)
{
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	CHECK_EQ(nl_notify("READY=1"), -EINVAL);
	setenv("NOTIFY_SOCKET", "/nonexistent/nlppp/notify", 1);
	CHECK_EQ(nl_notify("READY=1"), -ENOENT);
	unsetenv("NOTIFY_SOCKET");
}

int main(void)
{
	RUN(notify_sends_the_state_to_a_socket_path);
	RUN(notify_sends_to_an_abstract_socket);
	RUN(notify_without_a_service_manager_does_nothing);
	RUN(notify_refuses_a_relative_name_and_reports_a_missing_socket);
	return test_summary();
}
