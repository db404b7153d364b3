// SPDX-License-Identifier: GPL-2.0
/* libppp/mppe.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/mppe.c"
