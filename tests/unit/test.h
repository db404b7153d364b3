/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal unit-test harness. Each test binary defines tests with TEST(),
 * lists them in main() with RUN(), and ends with `return test_summary();`,
 * which prints "N passed, N failed" and returns the exit status.
 */
#ifndef NLPPP_TEST_H
#define NLPPP_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_cur_failed;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "  %s:%d: CHECK failed: %s\n",     \
				__FILE__, __LINE__, #cond);                \
			test_cur_failed = 1;                               \
		}                                                          \
	} while (0)

#define CHECK_EQ(a, b)                                                     \
	do {                                                               \
		long long _a = (long long)(a), _b = (long long)(b);        \
		if (_a != _b) {                                            \
			fprintf(stderr, "  %s:%d: %s == %s failed: "       \
				"%lld != %lld\n", __FILE__, __LINE__, #a,  \
				#b, _a, _b);                               \
			test_cur_failed = 1;                               \
		}                                                          \
	} while (0)

#define CHECK_MEM(a, b, n) CHECK(memcmp((a), (b), (n)) == 0)

#define RUN(name)                                                          \
	do {                                                               \
		test_cur_failed = 0;                                       \
		name();                                                    \
		if (test_cur_failed) {                                     \
			test_failed++;                                     \
			printf("FAIL %s\n", #name);                        \
		} else {                                                   \
			test_passed++;                                     \
			printf("ok   %s\n", #name);                        \
		}                                                          \
	} while (0)

/* Fill in the checksum of the 20-byte IPv4 header at @h (RFC 791). */
static inline void test_ipv4_checksum(unsigned char *h)
{
	unsigned long sum = 0;
	int i;

	h[10] = h[11] = 0;
	for (i = 0; i < 20; i += 2)
		sum += (unsigned long)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	h[10] = sum >> 8;
	h[11] = sum & 0xff;
}

static inline int test_summary(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
