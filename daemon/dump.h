/* SPDX-License-Identifier: GPL-2.0 */
/* Control packets decoded on one line for `debug`, pppd's style. Never prints secrets. */
#ifndef NLPPPD_DUMP_H
#define NLPPPD_DUMP_H

#include <stddef.h>
#include <stdint.h>

/* Write "[LCP ConfReq id=0x1 <mru 1500> <magic 0x1234>]" for @p into @buf. */
void nl_describe_packet(uint16_t proto, const uint8_t *p, size_t len,
			char *buf, size_t bufsz);
/* Log "@ifname: @dir [...]": at debug level, or at info level when only
 * this link's debug (nlpppctl debug IF on) asks for it. */
void nl_dump_packet(const char *ifname, const char *dir, uint16_t proto,
		    const uint8_t *p, size_t len);

#endif
