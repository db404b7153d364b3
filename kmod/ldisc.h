/* SPDX-License-Identifier: GPL-2.0 */
/* The tty line discipline: async HDLC or sync framing for one link. */
#ifndef _NLPPP_LDISC_H
#define _NLPPP_LDISC_H

int nlppp_ldisc_init(void);
void nlppp_ldisc_uninit(void);

#endif
