// SPDX-License-Identifier: GPL-2.0
/* FCS-16 and FCS-32 (RFC 1662 appendix C) against catalogue vectors and a
 * bit-at-a-time reference. */
#include <stdlib.h>

#include "libppp/fcs.h"
#include "test.h"

static const uint8_t check_input[] = "123456789";

/* One bit at a time, straight from the definition of a reflected CRC. */
static uint32_t ref_crc(uint32_t crc, uint32_t poly, const uint8_t *p,
			size_t len)
{
	while (len--) {
		int i;

		crc ^= *p++;
		for (i = 0; i < 8; i++)
			crc = (crc & 1) ? (crc >> 1) ^ poly : crc >> 1;
	}
	return crc;
}

static uint16_t ref_fcs16(uint16_t fcs, const uint8_t *p, size_t len)
{
	return ref_crc(fcs, 0x8408, p, len);
}

static uint32_t ref_fcs32(uint32_t fcs, const uint8_t *p, size_t len)
{
	return ref_crc(fcs, 0xedb88320, p, len);
}

static uint32_t rng_state = 0x2545f491;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void fill_random(uint8_t *p, size_t len)
{
	while (len--)
		*p++ = rnd();
}

TEST(fcs16_of_123456789_is_crc16_x25_check_value_0x906e)
{
	CHECK_EQ((uint16_t)~ppp_fcs16(PPP_FCS16_INIT, check_input, 9), 0x906e);
}

TEST(fcs32_of_123456789_is_crc32_check_value_0xcbf43926)
{
	CHECK_EQ((uint32_t)~ppp_fcs32(PPP_FCS32_INIT, check_input, 9),
		 0xcbf43926u);
}

TEST(fcs32_of_quick_brown_fox_is_0x414fa339)
{
	static const char fox[] = "The quick brown fox jumps over the lazy dog";

	CHECK_EQ((uint32_t)~ppp_fcs32(PPP_FCS32_INIT, (const uint8_t *)fox,
				      sizeof(fox) - 1), 0x414fa339u);
}

TEST(fcs_of_nothing_is_the_initial_value)
{
	CHECK_EQ(ppp_fcs16(PPP_FCS16_INIT, check_input, 0), PPP_FCS16_INIT);
	CHECK_EQ(ppp_fcs32(PPP_FCS32_INIT, check_input, 0), PPP_FCS32_INIT);
	CHECK_EQ(ppp_fcs16(0x1234, NULL, 0), 0x1234);
}

/* RFC 1662 C.2/C.3: data followed by its complemented FCS, LSB first. */
TEST(fcs16_over_data_and_its_fcs_leaves_good_residue_0xf0b8)
{
	uint8_t buf[1502];
	size_t len;

	for (len = 0; len <= 1500; len += (len < 40 ? 1 : 37)) {
		uint16_t f;

		fill_random(buf, len);
		f = ~ppp_fcs16(PPP_FCS16_INIT, buf, len);
		buf[len] = f & 0xff;
		buf[len + 1] = f >> 8;
		CHECK_EQ(ppp_fcs16(PPP_FCS16_INIT, buf, len + 2),
			 PPP_FCS16_GOOD);
		buf[len / 2] ^= 0x10;
		CHECK(ppp_fcs16(PPP_FCS16_INIT, buf, len + 2) !=
		      PPP_FCS16_GOOD);
	}
}

TEST(fcs32_over_data_and_its_fcs_leaves_good_residue_0xdebb20e3)
{
	uint8_t buf[1504];
	size_t len;

	for (len = 0; len <= 1500; len += (len < 40 ? 1 : 37)) {
		uint32_t f;
		int i;

		fill_random(buf, len);
		f = ~ppp_fcs32(PPP_FCS32_INIT, buf, len);
		for (i = 0; i < 4; i++)
			buf[len + i] = f >> (8 * i);
		CHECK_EQ(ppp_fcs32(PPP_FCS32_INIT, buf, len + 4),
			 PPP_FCS32_GOOD);
		buf[len / 2] ^= 0x01;
		CHECK(ppp_fcs32(PPP_FCS32_INIT, buf, len + 4) !=
		      PPP_FCS32_GOOD);
	}
}

/* Every length through several 128-byte stretches, at every alignment. */
TEST(fcs_matches_bitwise_reference_for_every_length_and_alignment)
{
	static uint8_t buf[700 + 16];
	size_t len, off;
	int bad16 = 0, bad32 = 0;

	fill_random(buf, sizeof(buf));
	for (off = 0; off < 16; off++) {
		for (len = 0; len <= 700; len++) {
			uint16_t i16 = rnd();
			uint32_t i32 = rnd();

			bad16 += ppp_fcs16(i16, buf + off, len) !=
				 ref_fcs16(i16, buf + off, len);
			bad32 += ppp_fcs32(i32, buf + off, len) !=
				 ref_fcs32(i32, buf + off, len);
		}
	}
	CHECK_EQ(bad16, 0);
	CHECK_EQ(bad32, 0);
}

/* A running FCS: any split of a buffer gives the same result. */
TEST(fcs_is_the_same_for_every_split_of_the_input)
{
	static uint8_t buf[600];
	size_t cut;
	uint16_t w16;
	uint32_t w32;
	int bad = 0;

	fill_random(buf, sizeof(buf));
	w16 = ppp_fcs16(PPP_FCS16_INIT, buf, sizeof(buf));
	w32 = ppp_fcs32(PPP_FCS32_INIT, buf, sizeof(buf));
	for (cut = 0; cut <= sizeof(buf); cut++) {
		uint16_t f16 = ppp_fcs16(PPP_FCS16_INIT, buf, cut);
		uint32_t f32 = ppp_fcs32(PPP_FCS32_INIT, buf, cut);

		f16 = ppp_fcs16(f16, buf + cut, sizeof(buf) - cut);
		f32 = ppp_fcs32(f32, buf + cut, sizeof(buf) - cut);
		bad += f16 != w16 || f32 != w32;
	}
	CHECK_EQ(bad, 0);
}

/*
 * Every table entry is reached: single bytes at every position of a
 * 16-byte block and of both 64-byte halves of a 128-byte stretch, each
 * taking all 256 values, with the register zero and random.
 */
TEST(fcs_tables_match_reference_for_every_byte_value_at_every_position)
{
	static uint8_t buf[160];
	int pos, v, bad = 0;

	for (pos = 0; pos < 160; pos++) {
		for (v = 0; v < 256; v++) {
			uint16_t i16 = (v & 1) ? rnd() : 0;
			uint32_t i32 = (v & 1) ? rnd() : 0;

			memset(buf, 0, sizeof(buf));
			buf[pos] = v;
			bad += ppp_fcs16(i16, buf, sizeof(buf)) !=
			       ref_fcs16(i16, buf, sizeof(buf));
			bad += ppp_fcs32(i32, buf, sizeof(buf)) !=
			       ref_fcs32(i32, buf, sizeof(buf));
		}
	}
	CHECK_EQ(bad, 0);
}

TEST(fcs_matches_reference_on_long_random_buffers)
{
	static uint8_t buf[70000];
	int round, bad = 0;

	for (round = 0; round < 4; round++) {
		size_t len = sizeof(buf) - rnd() % 1000;

		fill_random(buf, len);
		bad += ppp_fcs16(PPP_FCS16_INIT, buf, len) !=
		       ref_fcs16(PPP_FCS16_INIT, buf, len);
		bad += ppp_fcs32(PPP_FCS32_INIT, buf, len) !=
		       ref_fcs32(PPP_FCS32_INIT, buf, len);
	}
	CHECK_EQ(bad, 0);
}

int main(void)
{
	RUN(fcs16_of_123456789_is_crc16_x25_check_value_0x906e);
	RUN(fcs32_of_123456789_is_crc32_check_value_0xcbf43926);
	RUN(fcs32_of_quick_brown_fox_is_0x414fa339);
	RUN(fcs_of_nothing_is_the_initial_value);
	RUN(fcs16_over_data_and_its_fcs_leaves_good_residue_0xf0b8);
	RUN(fcs32_over_data_and_its_fcs_leaves_good_residue_0xdebb20e3);
	RUN(fcs_matches_bitwise_reference_for_every_length_and_alignment);
	RUN(fcs_is_the_same_for_every_split_of_the_input);
	RUN(fcs_tables_match_reference_for_every_byte_value_at_every_position);
	RUN(fcs_matches_reference_on_long_random_buffers);
	return test_summary();
}
