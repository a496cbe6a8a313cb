/*
 * text.c - UTF-8 validation, quoting of keys, hashing, and numbers written
 * and read the same under every locale.
 */
#include "config.h"

#include "internal.h"

#include <errno.h>
#include <float.h>
#include <pthread.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
			uint64_t w;

			/* ASCII, eight bytes at a time */
			for (i++; i + 8 <= len; i += 8) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
			}
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

/* A seed drawn once per process, so that nobody can prepare keys that
 * all fall into one slot of the tables: the time, and addresses that
 * address-space randomisation moves.  Outputs never depend on it. */
static uint64_t hash_seed;
static pthread_once_t hash_seed_once = PTHREAD_ONCE_INIT;

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static void make_hash_seed(void)
{
	struct timespec ts;
	uint64_t here = (uint64_t)(uintptr_t)&ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	hash_seed = mix64(here ^ mix64((uint64_t)(uintptr_t)&hash_seed) ^
	                  mix64((uint64_t)ts.tv_sec * 1000000000u +
	                        (uint64_t)ts.tv_nsec));
}

/* Set once the seed is drawn and seen: a load instead of a call. */
static _Atomic int hash_seeded;

uint64_t opflow__hash_seed(void)
{
	if (!atomic_load_explicit(&hash_seeded, memory_order_acquire)) {
		pthread_once(&hash_seed_once, make_hash_seed);
		atomic_store_explicit(&hash_seeded, 1, memory_order_release);
	}
	return hash_seed;
}

/* The last n bytes of a key (1 to 7), the first of them lowest. */
static uint64_t tail_word(const char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* two loads that may overlap: the byte both hold lands in the
	 * same place from either */
	if (n >= 4) {
		uint32_t a, b;

		memcpy(&a, p, 4);
		memcpy(&b, p + n - 4, 4);
		return a | (uint64_t)b << (8 * (n - 4));
	}
	if (n >= 2) {
		uint16_t a, b;

		memcpy(&a, p, 2);
		memcpy(&b, p + n - 2, 2);
		return a | (uint64_t)b << (8 * (n - 2));
	}
	return (unsigned char)p[0];
#else
	uint64_t w = 0;

	while (n--)
		w = w << 8 | (unsigned char)p[n];
	return w;
#endif
}

uint32_t opflow__hash(const char *s, size_t len)
{
	uint64_t h = opflow__hash_seed() ^ (len * 0x9E3779B97F4A7C15ull);
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	if (i < len) {
		uint64_t w = tail_word(s + i, len - i);

		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
	}
	return (uint32_t)mix64(h);
}

/* ---------------------------------------------------------------- numbers */

/*
 * Numbers are converted with the C library under a C locale of the
 * library's own, selected for the calling thread for the length of one
 * conversion: neither the host's global locale nor a per-thread one shows
 * through, and nothing else changes for the thread.  Without newlocale()
 * and uselocale(), the decimal point of the current locale is swapped for
 * '.' instead.
 */
#if defined(HAVE_NEWLOCALE) && defined(HAVE_USELOCALE)
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

#if defined(OPFLOW__HAVE_DESTRUCTOR)
/* The library is being unloaded, or the process is exiting: no thread is
 * inside a conversion. */
OPFLOW__DESTRUCTOR static void free_c_locale(void)
{
	if (c_locale) {
		freelocale(c_locale);
		c_locale = (locale_t)0;
	}
}
#endif

static locale_t enter_c(void)
{
	pthread_once(&c_locale_once, make_c_locale);
	return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void leave_c(locale_t old)
{
	if (old)
		uselocale(old);
}

static const char *radix(size_t *len)
{
	*len = 1;
	return ".";
}
#else
typedef int locale_t;

static locale_t enter_c(void)
{
	return 0;
}

static void leave_c(locale_t old)
{
	(void)old;
}

/* The decimal point of the current locale. */
static const char *radix(size_t *len)
{
	const struct lconv *lc = localeconv();
	const char *r = lc && lc->decimal_point && *lc->decimal_point
	                ? lc->decimal_point : ".";

	*len = strlen(r);
	return r;
}
#endif

/* A decimal candidate: digits d[0..n) and the exponent of the first, the
 * value d[0].d[1..] x 10^e. */
struct decimal {
	char d[24];
	int n, e;
};

/* The p significant digits nearest to x > 0. */
static void nearest(struct decimal *c, double x, int p)
{
	char tmp[48], *q = tmp;
	size_t rl;
	const char *r = radix(&rl);
	int sign = 1;

	snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
	c->n = 0;
	for (; *q && *q != 'e'; q++)
		if (*q >= '0' && *q <= '9')
			c->d[c->n++] = *q;
		else if (rl > 1 && strncmp(q, r, rl) == 0)
			q += rl - 1;
	c->e = 0;
	if (*q == 'e')
		q++;
	if (*q == '-' || *q == '+')
		sign = *q++ == '-' ? -1 : 1;
	for (; *q >= '0' && *q <= '9'; q++)
		c->e = c->e * 10 + (*q - '0');
	c->e *= sign;
}

/* The next p-digit decimal above (up) or below c. */
static void step(struct decimal *c, int up)
{
	int i = c->n - 1;

	if (up) {
		while (i >= 0 && c->d[i] == '9')
			c->d[i--] = '0';
		if (i >= 0) {
			c->d[i]++;
		} else {
			c->d[0] = '1';      /* 99..9 + 1 = 10..0 */
			c->e++;
		}
		return;
	}
	if (c->d[0] == '1') {
		int zeros = 1;

		for (int k = 1; k < c->n; k++)
			zeros &= c->d[k] == '0';
		if (zeros) {
			memset(c->d, '9', (size_t)c->n);    /* below 10..0 */
			c->e--;
			return;
		}
	}
	while (c->d[i] == '0')
		c->d[i--] = '9';
	c->d[i]--;
}

/* Writes the candidate as %g would: positional for exponents from -4 to
 * 16, else d.ddde+XX; trailing zeros dropped.  Returns the length. */
static size_t compose(char *buf, int negative, const struct decimal *c)
{
	char *p = buf;
	int n = c->n, e = c->e;

	while (n > 1 && c->d[n - 1] == '0')
		n--;
	if (negative)
		*p++ = '-';
	if (e < -4 || e > 16) {
		int a = e < 0 ? -e : e;

		*p++ = c->d[0];
		if (n > 1) {
			*p++ = '.';
			memcpy(p, c->d + 1, (size_t)n - 1);
			p += n - 1;
		}
		*p++ = 'e';
		*p++ = e < 0 ? '-' : '+';
		if (a >= 100)
			*p++ = (char)('0' + a / 100);
		*p++ = (char)('0' + a / 10 % 10);
		*p++ = (char)('0' + a % 10);
	} else if (e < 0) {
		*p++ = '0';
		*p++ = '.';
		for (int k = 0; k < -e - 1; k++)
			*p++ = '0';
		memcpy(p, c->d, (size_t)n);
		p += n;
	} else if (n <= e + 1) {
		memcpy(p, c->d, (size_t)n);
		p += n;
		for (int k = n; k <= e; k++)
			*p++ = '0';
	} else {
		memcpy(p, c->d, (size_t)e + 1);
		p += e + 1;
		*p++ = '.';
		memcpy(p, c->d + e + 1, (size_t)(n - e - 1));
		p += n - e - 1;
	}
	*p = '\0';
	return (size_t)(p - buf);
}

/* Whether the p-digit candidate nearest x, or one next to it, reads back
 * as x; if so it is in buf. */
static int try_digits(char *buf, size_t *len, double d, int p)
{
	struct decimal c, o;
	double x = fabs(d), back;

	nearest(&c, x, p);
	for (int k = 0; k < 3; k++) {
		o = c;
		if (k)
			step(&o, k == 1);
		*len = compose(buf, d < 0, &o);
		if (opflow__parse_double(&back, buf, *len) == 0 && back == d)
			return 1;
	}
	return 0;
}

/* Exact powers of ten, 10^0 .. 10^22. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
 * The common numbers without the C library: x = m / 10^k with m < 10^15
 * and k <= 8 (integers, halves, tenths, short decimals).  m and 10^k are
 * exact doubles and the division rounds correctly, so m / 10^k == x
 * means that the decimal m.10^-k reads back as x; with at most 15
 * significant digits it is the nearest 15-digit decimal to x (a normal
 * double's rounding interval is narrower than a quarter of the spacing
 * of 15-digit decimals), which is what the general path writes, trailing
 * zeros dropped.  The smallest k has no trailing zero.  Returns the
 * length, or 0 for the general path.
 */
static size_t format_short(char *buf, double d)
{
	double x = fabs(d);
	uint64_t m = 0;
	char digits[24];
	int k, n = 0, e;
	char *p = buf;

	if (!(x >= 1e-4 && x < 1e15))
		return 0;
	for (k = 0; k <= 8; k++) {
		double y = x * pow10_exact[k];

		if (!(y < 1e15))
			return 0;
		m = (uint64_t)(y + 0.5);
		if ((double)m / pow10_exact[k] == x)
			break;
	}
	if (k > 8 || m == 0)
		return 0;
	while (k > 0 && m % 10 == 0) {
		m /= 10;
		k--;
	}
	for (uint64_t v = m; v; v /= 10)
		digits[n++] = (char)('0' + v % 10);     /* backwards */
	e = n - 1 - k;                                  /* of the first digit */
	if (e < -4)
		return 0;
	if (d < 0)
		*p++ = '-';
	if (e < 0) {
		*p++ = '0';
		*p++ = '.';
		for (int z = 0; z < -e - 1; z++)
			*p++ = '0';
		while (n)
			*p++ = digits[--n];
	} else {
		while (n > k)
			*p++ = digits[--n];
		if (n) {
			*p++ = '.';
			while (n)
				*p++ = digits[--n];
		}
	}
	*p = '\0';
	return (size_t)(p - buf);
}

size_t opflow__format_double(char *buf, double d)
{
	locale_t old;
	size_t len = 0;

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
	if ((len = format_short(buf, d)) != 0)
		return len;
	old = enter_c();
	/* A normal double of at most 15 significant digits is exactly the
	 * nearest 15-digit decimal, which %.15g writes without its trailing
	 * zeros: the common case, in one conversion.  Else the shortest has
	 * 16 or 17 digits; a subnormal may need fewer than 15. */
	if (fabs(d) >= DBL_MIN) {
		struct decimal c;
		double back;

		nearest(&c, fabs(d), 15);
		len = compose(buf, d < 0, &c);
		if (!(opflow__parse_double(&back, buf, len) == 0 && back == d) &&
		    !try_digits(buf, &len, d, 16))
			try_digits(buf, &len, d, 17);
	} else {
		for (int p = 1; p <= 17; p++)
			if (try_digits(buf, &len, d, p))
				break;
	}
	leave_c(old);
	return len;
}

/* [+-] digits [. digits] of at most 15 digits in all: m / 10^k of two
 * exact doubles, which the division rounds as strtod does.  -1 for
 * anything else (the general path decides). */
static int parse_short(double *out, const char *s, size_t len)
{
	size_t i = 0, digits = 0, places = 0;
	uint64_t m = 0;
	int negative = 0, point = 0;
	double v;

	if (s[0] == '+' || s[0] == '-')
		negative = s[i++] == '-';
	for (; i < len; i++) {
		unsigned c = (unsigned char)s[i] - '0';

		if (c <= 9) {
			m = m * 10 + c;
			digits++;
			places += (size_t)point;
		} else if (s[i] == '.' && !point) {
			point = 1;
		} else {
			return -1;
		}
	}
	if (digits == 0 || digits > 15)
		return -1;
	v = (double)m / pow10_exact[places];
	*out = negative ? -v : v;
	return 0;
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
	if (len <= 17 && parse_short(out, s, len) == 0)
		return 0;
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
	{
		locale_t old = enter_c();

		d = strtod(tmp, &end);
		leave_c(old);
	}
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

char *opflow__buf_room(struct opflow__buf *b, size_t n)
{
	if (b->failed)
		return NULL;
	if (n >= SIZE_MAX - b->len) {
		b->failed = OPFLOW_ERANGE;
		return NULL;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap = cap > SIZE_MAX / 2 ? b->len + n + 1 : cap * 2;
		p = opflow__realloc(b->p, cap);
		if (!p) {
			b->failed = OPFLOW_ENOMEM;
			return NULL;
		}
		b->p = p;
		b->cap = cap;
	}
	return b->p + b->len;
}

void opflow__buf_put(struct opflow__buf *b, const char *s, size_t n)
{
	char *o = opflow__buf_room(b, n);

	if (!o)
		return;
	memcpy(o, s, n);
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
	size_t n = opflow__format_size(tmp, v);

	opflow__buf_put(b, tmp, n);
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
