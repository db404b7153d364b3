/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlpppctl's output for people and for Prometheus, apart from its socket
 * code so that tests can check exactly what it prints.
 */
#ifndef NLPPPD_CTL_FORMAT_H
#define NLPPPD_CTL_FORMAT_H

#include <stdio.h>
#include <json-c/json.h>

/* One daemon's answer to `metrics`. */
struct nl_ctl_daemon_metrics {
	long pid;
	struct json_object *metrics;	/* {"links":[...]}, see ctl.h */
};

/* Prometheus text format 0.0.4, every sample of one metric name together. */
void nl_ctl_format_metrics(FILE *out, const struct nl_ctl_daemon_metrics *d, size_t n);
/* The `list` table of @items (list items, each with "pid" added). */
void nl_ctl_format_list(FILE *out, struct json_object *items);
/* @obj as indented "key: value" lines. */
void nl_ctl_format_show(FILE *out, struct json_object *obj);
/* "HH:MM:SS ifname event key=value ..." (local time). */
void nl_ctl_format_event(FILE *out, struct json_object *ev);

#endif
