/* SPDX-License-Identifier: GPL-2.0 */
/* Setup-latency summary: sort once, then nearest-rank percentiles. */
#ifndef LOADGEN_STATS_H
#define LOADGEN_STATS_H

#include <stddef.h>

void lg_sort(double *v, size_t n);
/* Nearest-rank @p-th percentile (0 < p <= 100) of sorted @v; 0 when @n is 0. */
double lg_percentile(const double *v, size_t n, double p);

#endif
