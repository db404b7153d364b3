// SPDX-License-Identifier: GPL-2.0
/*
 * Control requests: one JSON object, checked strictly, into a struct
 * nl_ctl_req. Everything a client can send ends here first, so nothing
 * is trusted: the length, the bytes, the keys, the types, the names.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"

/* What each command takes besides "cmd". */
enum { KEY_IFNAME = 1, KEY_SECTION = 2, KEY_ON = 4 };

static const struct {
	const char *name;
	enum nl_ctl_cmd cmd;
	unsigned int required, optional;
} cmds[] = {
	{ "list", NL_CTL_LIST, 0, 0 },
	{ "show", NL_CTL_SHOW, KEY_IFNAME, KEY_SECTION },
	{ "down", NL_CTL_DOWN, KEY_IFNAME, 0 },
	{ "close", NL_CTL_CLOSE, KEY_IFNAME, 0 },
	{ "debug", NL_CTL_DEBUG, KEY_IFNAME | KEY_ON, 0 },
	{ "metrics", NL_CTL_METRICS, 0, 0 },
	{ "monitor", NL_CTL_MONITOR, 0, 0 },
};

static const char *const sections[] = {
	"link", "lcp", "auth", "ipcp", "ipv6cp", "ccp", "bundle", "stats",
};

bool nl_ctl_ifname_valid(const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0 || n >= 16 || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char ch = name[i];

		/* The kernel's rule, plus control bytes, so errors stay one line. */
		if (ch == '/' || ch == ':' || ch <= ' ' || ch == 0x7f)
			return false;
	}
	return true;
}

bool nl_ctl_section_valid(const char *section)
{
	size_t i;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (!strcmp(section, sections[i]))
			return true;
	return false;
}

static int fail(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (errsz) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* A string member without embedded NULs, or NULL. */
static const char *get_string(struct json_object *v)
{
	const char *s;

	if (!json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	if ((size_t)json_object_get_string_len(v) != strlen(s))
		return NULL;
	return s;
}

static struct json_object *parse_object(const char *buf, size_t len, char *err, size_t errsz)
{
	struct json_tokener *tok;
	struct json_object *obj;
	size_t end;

	/* No nesting is valid, so a shallow depth limit costs nothing. */
	tok = json_tokener_new_ex(4);
	if (!tok) {
		fail(err, errsz, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	obj = json_tokener_parse_ex(tok, buf, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (!obj) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		fail(err, errsz, "malformed JSON: %s",
		     e == json_tokener_continue ? "unexpected end of request" :
		     json_tokener_error_desc(e));
		json_tokener_free(tok);
		return NULL;
	}
	json_tokener_free(tok);
	while (end < len && strchr(" \t\r\n", buf[end]) && buf[end])
		end++;
	if (end != len) {
		fail(err, errsz, "malformed JSON: trailing data after the request");
		json_object_put(obj);
		return NULL;
	}
	if (!json_object_is_type(obj, json_type_object)) {
		fail(err, errsz, "a request is a JSON object");
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

static int parse_cmd(struct json_object *obj, unsigned int *idx, char *err, size_t errsz)
{
	struct json_object *v;
	const char *name;
	size_t i;

	if (!json_object_object_get_ex(obj, "cmd", &v))
		return fail(err, errsz, "missing \"cmd\"");
	name = get_string(v);
	if (!name)
		return fail(err, errsz, "\"cmd\" must be a string");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (!strcmp(name, cmds[i].name)) {
			*idx = i;
			return 0;
		}
	}
	return fail(err, errsz, "unknown cmd (list, show, down, close, debug, metrics, monitor)");
}

static int parse_member(const char *key, struct json_object *v, unsigned int allowed,
			unsigned int *seen, struct nl_ctl_req *req, char *err, size_t errsz)
{
	const char *s;

	if (!strcmp(key, "cmd"))
		return 0;
	if (!strcmp(key, "ifname") && (allowed & KEY_IFNAME)) {
		s = get_string(v);
		if (!s || !nl_ctl_ifname_valid(s))
			return fail(err, errsz, "\"ifname\" must be an interface name "
				    "(1-15 bytes, no '/', ':' or white space)");
		strcpy(req->ifname, s);
		*seen |= KEY_IFNAME;
		return 0;
	}
	if (!strcmp(key, "section") && (allowed & KEY_SECTION)) {
		s = get_string(v);
		if (!s || !nl_ctl_section_valid(s))
			return fail(err, errsz, "\"section\" must be one of link, lcp, "
				    "auth, ipcp, ipv6cp, ccp, bundle, stats");
		strcpy(req->section, s);
		*seen |= KEY_SECTION;
		return 0;
	}
	if (!strcmp(key, "on") && (allowed & KEY_ON)) {
		if (!json_object_is_type(v, json_type_boolean))
			return fail(err, errsz, "\"on\" must be true or false");
		req->on = json_object_get_boolean(v);
		*seen |= KEY_ON;
		return 0;
	}
	return fail(err, errsz, "unknown key for this cmd");
}

int nl_ctl_parse_request(const char *buf, size_t len, struct nl_ctl_req *req,
			 char *err, size_t errsz)
{
	struct json_object *obj;
	unsigned int idx = 0, seen = 0;
	int r;

	memset(req, 0, sizeof(*req));
	if (errsz)
		err[0] = 0;
	if (len > NL_CTL_MAX_REQUEST)
		return fail(err, errsz, "request too long (max %d bytes)", NL_CTL_MAX_REQUEST);
	if (memchr(buf, 0, len))
		return fail(err, errsz, "malformed JSON: NUL byte in request");
	obj = parse_object(buf, len, err, errsz);
	if (!obj)
		return -EINVAL;
	r = parse_cmd(obj, &idx, err, errsz);
	if (r)
		goto out;
	req->cmd = cmds[idx].cmd;
	json_object_object_foreach(obj, key, v) {
		r = parse_member(key, v, cmds[idx].required | cmds[idx].optional,
				 &seen, req, err, errsz);
		if (r)
			goto out;
	}
	if ((seen & cmds[idx].required) != cmds[idx].required)
		r = fail(err, errsz, "\"%s\" needs %s", cmds[idx].name,
			 cmds[idx].required & KEY_ON ? "\"ifname\" and \"on\"" : "\"ifname\"");
out:
	json_object_put(obj);
	if (r)
		memset(req, 0, sizeof(*req));
	return r;
}
