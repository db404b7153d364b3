// SPDX-License-Identifier: GPL-2.0
/*
 * How nlpppctl prints what daemons answer. Strings may come from the peer
 * (its name), so human output shows control bytes as '?' rather than
 * letting them reach a terminal, and Prometheus labels are escaped.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl_format.h"

static void put_text(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < ' ' || *s == 0x7f ? '?' : *s, out);
}

/* Shortest text that reads back as @v, in the exposition format's spelling. */
static void put_double(FILE *out, double v)
{
	char buf[40];

	if (isnan(v)) {
		fputs("NaN", out);
		return;
	}
	if (isinf(v)) {
		fputs(v > 0 ? "+Inf" : "-Inf", out);
		return;
	}
	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	fputs(buf, out);
}

/* --- metrics --- */

struct metric {
	char *name;
	const char *key;
	bool gauge;
};

static bool metric_name_valid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == ':'))
			return false;
	return true;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static struct json_object *links_of(const struct nl_ctl_daemon_metrics *d)
{
	struct json_object *links;

	if (!d->metrics || !json_object_object_get_ex(d->metrics, "links", &links) ||
	    !json_object_is_type(links, json_type_array))
		return NULL;
	return links;
}

static struct json_object *section_of(struct json_object *link, bool gauge)
{
	struct json_object *sec;

	if (!json_object_is_type(link, json_type_object) ||
	    !json_object_object_get_ex(link, gauge ? "gauges" : "counters", &sec) ||
	    !json_object_is_type(sec, json_type_object))
		return NULL;
	return sec;
}

/* Add @key's metric unless its name is invalid or already taken. */
static void collect_one(struct metric **m, size_t *n, const char *key, bool gauge)
{
	char *name;
	size_t i;

	/* "nlppp_" is a valid start, so the key only needs valid characters. */
	if (!metric_name_valid(key))
		return;
	if (asprintf(&name, "nlppp_%s%s", key,
		     gauge || ends_with(key, "_total") ? "" : "_total") < 0)
		return;
	for (i = 0; i < *n; i++) {
		if (!strcmp((*m)[i].name, name)) {
			free(name);
			return;
		}
	}
	if (*n % 32 == 0) {
		struct metric *p = realloc(*m, (*n + 32) * sizeof(**m));

		if (!p) {
			free(name);
			return;
		}
		*m = p;
	}
	(*m)[(*n)++] = (struct metric){ name, key, gauge };
}

static size_t collect(const struct nl_ctl_daemon_metrics *d, size_t nd, struct metric **m)
{
	size_t n = 0, i, j;
	int g;

	*m = NULL;
	for (g = 0; g < 2; g++) {
		for (i = 0; i < nd; i++) {
			struct json_object *links = links_of(&d[i]);

			for (j = 0; links && j < json_object_array_length(links); j++) {
				struct json_object *sec =
					section_of(json_object_array_get_idx(links, j), g);

				if (!sec)
					continue;
				json_object_object_foreach(sec, key, val) {
					(void)val;
					collect_one(m, &n, key, g);
				}
			}
		}
	}
	return n;
}

static void put_label(FILE *out, const char *name, const char *value, bool comma)
{
	fprintf(out, "%s%s=\"", comma ? "," : "", name);
	for (; *value; value++) {
		if (*value == '\\')
			fputs("\\\\", out);
		else if (*value == '"')
			fputs("\\\"", out);
		else if (*value == '\n')
			fputs("\\n", out);
		else
			fputc(*value, out);
	}
	fputc('"', out);
}

static const char *str_field(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return "";
	return json_object_get_string(v);
}

/* Counters are non-negative numbers; gauges any number. */
static bool value_ok(struct json_object *v, bool gauge)
{
	if (json_object_is_type(v, json_type_int))
		return gauge || json_object_get_int64(v) >= 0;
	if (json_object_is_type(v, json_type_double))
		return gauge || json_object_get_double(v) >= 0;
	return false;
}

static void put_value(FILE *out, struct json_object *v)
{
	fputc(' ', out);
	if (json_object_is_type(v, json_type_double))
		put_double(out, json_object_get_double(v));
	else if (json_object_get_int64(v) < 0)
		fprintf(out, "%lld", (long long)json_object_get_int64(v));
	else
		fprintf(out, "%llu", (unsigned long long)json_object_get_uint64(v));
	fputc('\n', out);
}

static void put_sample(FILE *out, const struct metric *m, long pid, struct json_object *link)
{
	struct json_object *sec = section_of(link, m->gauge), *v;
	char pidbuf[24];

	if (!sec || !json_object_object_get_ex(sec, m->key, &v) || !value_ok(v, m->gauge))
		return;
	snprintf(pidbuf, sizeof(pidbuf), "%ld", pid);
	fprintf(out, "%s{", m->name);
	put_label(out, "ifname", str_field(link, "ifname"), false);
	put_label(out, "pid", pidbuf, true);
	put_label(out, "peer", str_field(link, "peer_name"), true);
	put_label(out, "dataplane", str_field(link, "dataplane"), true);
	fputc('}', out);
	put_value(out, v);
}

void nl_ctl_format_metrics(FILE *out, const struct nl_ctl_daemon_metrics *d, size_t nd)
{
	struct metric *m;
	size_t n = collect(d, nd, &m), k, i, j;

	for (k = 0; k < n; k++) {
		fprintf(out, "# HELP %s nlppp link %s %s.\n", m[k].name,
			m[k].gauge ? "gauge" : "counter", m[k].key);
		fprintf(out, "# TYPE %s %s\n", m[k].name, m[k].gauge ? "gauge" : "counter");
		for (i = 0; i < nd; i++) {
			struct json_object *links = links_of(&d[i]);

			for (j = 0; links && j < json_object_array_length(links); j++)
				put_sample(out, &m[k], d[i].pid,
					   json_object_array_get_idx(links, j));
		}
		free(m[k].name);
	}
	free(m);
}

/* --- list --- */

enum { LIST_COLS = 8 };

static void uptime_text(char *buf, size_t sz, long long s)
{
	if (s < 60)
		snprintf(buf, sz, "%llds", s);
	else if (s < 3600)
		snprintf(buf, sz, "%lldm%02llds", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, sz, "%lldh%02lldm", s / 3600, s / 60 % 60);
	else
		snprintf(buf, sz, "%lldd%02lldh", s / 86400, s / 3600 % 24);
}

/* A cell's text: "-" for missing, null or "", control bytes as '?'. */
static void cell_text(char *buf, size_t sz, struct json_object *item, const char *key)
{
	struct json_object *v;
	const char *s;
	char *p;

	if (!json_object_object_get_ex(item, key, &v) || !v) {
		snprintf(buf, sz, "-");
		return;
	}
	if (!strcmp(key, "uptime_s") && json_object_is_type(v, json_type_int)) {
		uptime_text(buf, sz, (long long)json_object_get_int64(v));
		return;
	}
	s = json_object_is_type(v, json_type_string) ? json_object_get_string(v) :
		json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	snprintf(buf, sz, "%s", *s ? s : "-");
	for (p = buf; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
}

void nl_ctl_format_list(FILE *out, struct json_object *items)
{
	static const char *const head[LIST_COLS] = {
		"IFNAME", "PID", "PHASE", "PEER", "LOCAL", "REMOTE", "UPTIME", "PLANE",
	};
	static const char *const keys[LIST_COLS] = {
		"ifname", "pid", "phase", "peer_name", "local_ip", "remote_ip", "uptime_s",
		"dataplane",
	};
	size_t n = json_object_is_type(items, json_type_array) ?
		json_object_array_length(items) : 0, i;
	int width[LIST_COLS], c;
	char (*cells)[LIST_COLS][64] = calloc(n + 1, sizeof(*cells));

	if (!cells)
		return;
	for (c = 0; c < LIST_COLS; c++) {
		snprintf(cells[0][c], sizeof(cells[0][c]), "%s", head[c]);
		width[c] = strlen(head[c]);
	}
	for (i = 0; i < n; i++) {
		for (c = 0; c < LIST_COLS; c++) {
			cell_text(cells[i + 1][c], sizeof(cells[i + 1][c]),
				  json_object_array_get_idx(items, i), keys[c]);
			if ((int)strlen(cells[i + 1][c]) > width[c])
				width[c] = strlen(cells[i + 1][c]);
		}
	}
	for (i = 0; i <= n; i++) {
		for (c = 0; c < LIST_COLS - 1; c++)
			fprintf(out, "%-*s  ", width[c], cells[i][c]);
		fprintf(out, "%s\n", cells[i][LIST_COLS - 1]);
	}
	free(cells);
}

/* --- show --- */

static void put_scalar(FILE *out, struct json_object *v)
{
	if (!v)
		fputs("-", out);
	else if (json_object_is_type(v, json_type_string))
		put_text(out, json_object_get_string(v));
	else
		put_text(out, json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
}

static bool is_container(struct json_object *v)
{
	return json_object_is_type(v, json_type_object) ||
	       json_object_is_type(v, json_type_array);
}

/* Arrays of scalars stay on one line ("links: 1, 2"); others nest. */
static bool scalar_array(struct json_object *v)
{
	size_t i;

	if (!json_object_is_type(v, json_type_array))
		return false;
	for (i = 0; i < json_object_array_length(v); i++)
		if (is_container(json_object_array_get_idx(v, i)))
			return false;
	return true;
}

static void show_value(FILE *out, int indent, const char *key, struct json_object *v);

static void show_children(FILE *out, int indent, const char *key, struct json_object *v)
{
	size_t i;

	if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, k, child)
			show_value(out, indent, k, child);
		return;
	}
	for (i = 0; i < json_object_array_length(v); i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s[%zu]", key, i);
		show_value(out, indent, name, json_object_array_get_idx(v, i));
	}
}

static void show_value(FILE *out, int indent, const char *key, struct json_object *v)
{
	size_t i;

	fprintf(out, "%*s", indent, "");
	put_text(out, key);
	fputc(':', out);
	if (scalar_array(v)) {
		for (i = 0; i < json_object_array_length(v); i++) {
			fputs(i ? ", " : " ", out);
			put_scalar(out, json_object_array_get_idx(v, i));
		}
		fputc('\n', out);
	} else if (is_container(v)) {
		fputc('\n', out);
		show_children(out, indent + 2, key, v);
	} else {
		fputc(' ', out);
		put_scalar(out, v);
		fputc('\n', out);
	}
}

void nl_ctl_format_show(FILE *out, struct json_object *obj)
{
	if (is_container(obj) && !scalar_array(obj)) {
		show_children(out, 0, "", obj);
	} else {
		put_scalar(out, obj);
		fputc('\n', out);
	}
}

/* --- events --- */

void nl_ctl_format_event(FILE *out, struct json_object *ev)
{
	struct json_object *t;
	const char *ifname = str_field(ev, "ifname"), *event = str_field(ev, "event");
	time_t when = time(NULL);
	struct tm tm;
	char hms[16];

	if (json_object_object_get_ex(ev, "time", &t) &&
	    (json_object_is_type(t, json_type_double) || json_object_is_type(t, json_type_int)))
		when = (time_t)json_object_get_double(t);
	localtime_r(&when, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	fprintf(out, "%s ", hms);
	put_text(out, *ifname ? ifname : "-");
	fputc(' ', out);
	put_text(out, *event ? event : "?");
	json_object_object_foreach(ev, key, val) {
		if (!strcmp(key, "time") || !strcmp(key, "ifname") || !strcmp(key, "event"))
			continue;
		fputc(' ', out);
		put_text(out, key);
		fputc('=', out);
		put_scalar(out, val);
	}
	fputc('\n', out);
}
