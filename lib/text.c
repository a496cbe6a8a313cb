/*
 * text.c - UTF-8 validation, quoting of keys, hashing, and numbers written
 * and read the same under every locale.
 */
#include "config.h"

#include "internal.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int opflow__utf8_valid(const char *str, size_t len)
{
	return opflow__utf8_invalid_at(str, len) == len;
}

size_t opflow__utf8_invalid_at(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t need;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (len - i - 1 < need)
			return i;
		for (size_t k = 1; k <= need; k++) {
			unsigned cc = s[i + k];

			if ((cc & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (cc & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return len;
}

static int bare_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
	       c == ':' || c == '/' || c == '+' || c == '@';
}

int opflow__is_bare(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!bare_char((unsigned char)s[i]))
			return 0;
	return 1;
}

size_t opflow__quote(char *buf, size_t cap, const char *s, size_t len,
                     int force_quotes)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i = 0;

	if (cap == 0)
		return 0;
	if (!force_quotes && opflow__is_bare(s, len)) {
		size_t n = len < cap - 1 ? len : cap - 1;

		memcpy(buf, s, n);
		buf[n] = '\0';
		if (n < len && cap > 4)
			memcpy(buf + cap - 4, "...", 4), n = cap - 1;
		return n;
	}
	/* room for the closing quote and "..." */
	if (cap < 8) {
		buf[0] = '\0';
		return 0;
	}
	buf[o++] = '"';
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		char esc[5];
		size_t n = 0, step = 1;

		if (c == '"' || c == '\\') {
			esc[0] = '\\'; esc[1] = (char)c; n = 2;
		} else if (c == '\n') {
			esc[0] = '\\'; esc[1] = 'n'; n = 2;
		} else if (c == '\t') {
			esc[0] = '\\'; esc[1] = 't'; n = 2;
		} else if (c == '\r') {
			esc[0] = '\\'; esc[1] = 'r'; n = 2;
		} else if (c < 0x20 || c == 0x7F) {
			esc[0] = '\\'; esc[1] = 'x';
			esc[2] = hex[c >> 4]; esc[3] = hex[c & 15]; n = 4;
		} else if (c < 0x80) {
			esc[0] = (char)c; n = 1;
		} else {
			/* a whole valid UTF-8 sequence as it is, else \xHH */
			size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

			if (c >= 0xC2 && c <= 0xF4 && i + k <= len &&
			    opflow__utf8_valid(s + i, k)) {
				memcpy(esc, s + i, k); n = k; step = k;
			} else {
				esc[0] = '\\'; esc[1] = 'x';
				esc[2] = hex[c >> 4]; esc[3] = hex[c & 15]; n = 4;
			}
		}
		if (o + n + 5 > cap) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(buf + o, esc, n);
		o += n;
		i += step;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return o;
}

uint32_t opflow__hash(const char *s, size_t len)
{
	/* FNV-1a, then a final mix so low bits spread over the table */
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

/* The decimal point of the calling thread's locale ("." in the C locale). */
static const char *radix(size_t *len)
{
	const struct lconv *lc = localeconv();
	const char *r = lc && lc->decimal_point && *lc->decimal_point
	                ? lc->decimal_point : ".";

	*len = strlen(r);
	return r;
}

/* Rewrites the locale's decimal point in s (as snprintf wrote it) as '.'. */
static size_t delocalize(char *s, size_t n)
{
	size_t rl;
	const char *r = radix(&rl);
	char *p;

	if (rl == 1 && r[0] == '.')
		return n;
	p = strstr(s, r);
	if (!p)
		return n;
	*p = '.';
	memmove(p + 1, p + rl, n - (size_t)(p - s) - rl + 1);
	return n - (rl - 1);
}

size_t opflow__format_double(char *buf, double d)
{
	int n;

	if (d == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		return 1;
	}
	if (isnan(d)) {
		memcpy(buf, "nan", 4);
		return 3;
	}
	if (isinf(d)) {
		memcpy(buf, d < 0 ? "-inf" : "inf", d < 0 ? 5 : 4);
		return d < 0 ? 4 : 3;
	}
	/* %.15g is exact for every double of at most 15 significant digits
	 * and strips trailing zeros; the rest need 16 or 17. */
	for (int prec = 15; prec <= 17; prec++) {
		double back;

		n = snprintf(buf, 32, "%.*g", prec, d);
		if (n < 0 || n >= 32)
			break;
		n = (int)delocalize(buf, (size_t)n);
		if (prec == 17)
			return (size_t)n;
		if (opflow__parse_double(&back, buf, (size_t)n) == 0 && back == d)
			return (size_t)n;
	}
	return (size_t)n;
}

int opflow__parse_double(double *out, const char *s, size_t len)
{
	char tmp[OPFLOW__NUMBER_MAX + 16];
	size_t i = 0, o = 0, rl, digits = 0;
	const char *r = radix(&rl);
	char *end;
	double d;
	int saved_errno = errno;

	/* [+-] digits [. digits] [(e|E) [+-] digits], nothing else */
	if (len == 0)
		return -1;
	if (len > OPFLOW__NUMBER_MAX)
		return -3;
	if (s[i] == '+' || s[i] == '-')
		tmp[o++] = s[i++];
	while (i < len && s[i] >= '0' && s[i] <= '9')
		tmp[o++] = s[i++], digits++;
	if (i < len && s[i] == '.') {
		i++;
		memcpy(tmp + o, r, rl);
		o += rl;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			tmp[o++] = s[i++], digits++;
	}
	if (digits == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t edigits = 0;

		tmp[o++] = s[i++];
		if (i < len && (s[i] == '+' || s[i] == '-'))
			tmp[o++] = s[i++];
		while (i < len && s[i] >= '0' && s[i] <= '9')
			tmp[o++] = s[i++], edigits++;
		if (edigits == 0)
			return -1;
	}
	if (i != len)
		return -1;
	tmp[o] = '\0';
	errno = 0;
	d = strtod(tmp, &end);
	if (*end != '\0') {
		errno = saved_errno;
		return -1;
	}
	if (!isfinite(d) || (errno == ERANGE && fabs(d) > 1.0)) {
		errno = saved_errno;
		return -2;
	}
	errno = saved_errno;
	*out = d;
	return 0;
}

/* ---------------------------------------------------------------- buffers */

void opflow__buf_put(struct opflow__buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (n >= SIZE_MAX - b->len) {
		b->failed = OPFLOW_ERANGE;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap = cap > SIZE_MAX / 2 ? b->len + n + 1 : cap * 2;
		p = opflow__realloc(b->p, cap);
		if (!p) {
			b->failed = OPFLOW_ENOMEM;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void opflow__buf_puts(struct opflow__buf *b, const char *s)
{
	opflow__buf_put(b, s, strlen(s));
}

void opflow__buf_double(struct opflow__buf *b, double d)
{
	char num[40];

	opflow__buf_put(b, num, opflow__format_double(num, d));
}

size_t opflow__format_size(char buf[24], size_t v)
{
	char tmp[24];
	size_t i = sizeof tmp;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	memcpy(buf, tmp + i, sizeof tmp - i);
	return sizeof tmp - i;
}

void opflow__buf_size(struct opflow__buf *b, size_t v)
{
	char tmp[24];

	opflow__buf_put(b, tmp, opflow__format_size(tmp, v));
}

/* s in double quotes with \" \\ \n \t \r escaped and the other control
 * bytes as \xHH (the file format) or \u00HH (JSON); everything else, UTF-8
 * included, as it is. */
void opflow__buf_escaped(struct opflow__buf *b, const char *s, size_t len,
                         int json)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0;

	opflow__buf_put(b, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t n = 2;

		if (c == '"' || c == '\\')
			esc[1] = (char)c;
		else if (c == '\n')
			esc[1] = 'n';
		else if (c == '\t')
			esc[1] = 't';
		else if (c == '\r')
			esc[1] = 'r';
		else if (c < 0x20 || (c == 0x7F && !json))
			n = json ? 6 : 4;
		else
			continue;
		if (n > 2) {
			memcpy(esc + 1, json ? "u00" : "x", json ? 3 : 1);
			esc[n - 2] = hex[c >> 4];
			esc[n - 1] = hex[c & 15];
		}
		opflow__buf_put(b, s + start, i - start);
		opflow__buf_put(b, esc, n);
		start = i + 1;
	}
	opflow__buf_put(b, s + start, len - start);
	opflow__buf_put(b, "\"", 1);
}

void opflow__buf_quoted(struct opflow__buf *b, const char *s, size_t len)
{
	opflow__buf_escaped(b, s, len, 0);
}

/* A key bare when it can be, else quoted. */
void opflow__buf_key(struct opflow__buf *b, const char *s, size_t len)
{
	if (opflow__is_bare(s, len))
		opflow__buf_put(b, s, len);
	else
		opflow__buf_quoted(b, s, len);
}

/* Hands the text over: *out (NUL-terminated, freed with opflow_free) and
 * its length, or the error the buffer met. */
int opflow__buf_finish(struct opflow__buf *b, char **out, size_t *out_len)
{
	if (!b->failed && !b->p)
		opflow__buf_put(b, "", 0);
	if (b->failed) {
		int rc = b->failed;

		opflow__free(b->p);
		b->p = NULL;
		return rc == OPFLOW_ENOMEM ? opflow__nomem()
		       : opflow__error(rc, "output too large");
	}
	*out = b->p;
	if (out_len)
		*out_len = b->len;
	b->p = NULL;
	return 0;
}
