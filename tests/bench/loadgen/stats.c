// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void lg_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_double);
}

/* Nearest rank: the smallest value with at least p% of the sample at or below it. */
double lg_percentile(const double *v, size_t n, double p)
{
	double exact;
	size_t rank;

	if (!n)
		return 0;
	if (p <= 0)
		return v[0];
	exact = p / 100.0 * (double)n;
	rank = (size_t)exact;
	if ((double)rank < exact)
		rank++;		/* ceil, without libm */
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}
