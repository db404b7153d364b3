/* SPDX-License-Identifier: GPL-2.0 */
/* Load-time checks of the libppp codecs compiled into the module. */
#ifndef _NLPPP_SELFTEST_H
#define _NLPPP_SELFTEST_H

int nlppp_selftest(void);

#endif
