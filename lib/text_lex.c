/*
 * text_lex.c - the tokenizer of the .opflow text format (opflow(5)): the
 * words, quoted strings and NAME=VALUE attributes of one line, each with
 * its column, and the reader's errors at their line and column.
 */
#include "config.h"

#include "internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* The bytes of bare words: letters, digits and _ . - : / + @ */
#define R3(c) [c] = 1, [c + 1] = 1, [c + 2] = 1
#define R10(c) R3(c), R3(c + 3), R3(c + 6), [c + 9] = 1
#define R26(c) R10(c), R10(c + 10), R3(c + 20), R3(c + 23)
static const unsigned char bare[256] = {
	R26('a'), R26('A'), R10('0'),
	['_'] = 1, ['.'] = 1, ['-'] = 1, [':'] = 1, ['/'] = 1, ['+'] = 1,
	['@'] = 1
};
#undef R3
#undef R10
#undef R26

static int bare_char(unsigned char c)
{
	return bare[c];
}

int opflow__perr(const struct reader *r, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	opflow__verror(OPFLOW_EPARSE, fmt, ap);
	va_end(ap);
	return opflow__error_at(OPFLOW_EPARSE, r->lineno, col, "%m");
}

static char *arena_push(struct reader *r, const char *s, size_t n)
{
	char *p = r->arena + r->arena_len;

	/* the arena holds twice the line: tokens never outgrow it */
	memcpy(p, s, n);
	p[n] = '\0';
	r->arena_len += n + 1;
	return p;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends the UTF-8 form of cp to p; returns the byte count. */
static size_t utf8_put(char *p, unsigned long cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		p[0] = (char)(0xC0 | cp >> 6);
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		p[0] = (char)(0xE0 | cp >> 12);
		p[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | cp >> 18);
	p[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	p[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A quoted string at r->pos (on its opening quote), decoded into the
 * arena. */
static int read_string(struct reader *r, const char **out, size_t *out_len)
{
	size_t open = r->pos, n = 0;
	char *p = r->arena + r->arena_len;

	r->pos++;
	for (;;) {
		unsigned char c;

		if (r->pos >= r->len)
			return opflow__perr(r, open + 1, "unterminated string: expected "
			            "a closing '\"' before the end of the line");
		c = (unsigned char)r->line[r->pos];
		if (c == '"')
			break;
		if (c != '\\') {
			p[n++] = (char)c;
			r->pos++;
			continue;
		}
		if (r->pos + 1 >= r->len)
			return opflow__perr(r, r->pos + 1, "unterminated escape at the end "
			            "of the line");
		c = (unsigned char)r->line[r->pos + 1];
		switch (c) {
		case '"': case '\\':
			p[n++] = (char)c; r->pos += 2; break;
		case 'n': p[n++] = '\n'; r->pos += 2; break;
		case 't': p[n++] = '\t'; r->pos += 2; break;
		case 'r': p[n++] = '\r'; r->pos += 2; break;
		case 'x': {
			int hi = r->pos + 3 < r->len ? hex_digit(r->line[r->pos + 2]) : -1;
			int lo = hi >= 0 ? hex_digit(r->line[r->pos + 3]) : -1;

			if (hi < 0 || lo < 0)
				return opflow__perr(r, r->pos + 1, "expected two hexadecimal "
				            "digits after \\x");
			if (hi == 0 && lo == 0)
				return opflow__perr(r, r->pos + 1, "a NUL byte (\\x00) is not "
				            "allowed in a string");
			p[n++] = (char)(hi << 4 | lo);
			r->pos += 4;
			break;
		}
		case 'u': {
			size_t q = r->pos + 2, digits = 0;
			unsigned long cp = 0;

			if (q >= r->len || r->line[q] != '{')
				return opflow__perr(r, r->pos + 1, "expected '{' after \\u");
			for (q++; q < r->len && hex_digit(r->line[q]) >= 0; q++) {
				if (++digits > 6)
					break;
				cp = cp << 4 | (unsigned long)hex_digit(r->line[q]);
			}
			if (digits == 0 || digits > 6 || q >= r->len ||
			    r->line[q] != '}')
				return opflow__perr(r, r->pos + 1, "expected 1 to 6 hexadecimal "
				            "digits and '}' after \\u{");
			if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
				return opflow__perr(r, r->pos + 1, "\\u{...} is not a valid "
				            "character (NUL, a surrogate, or above "
				            "10FFFF)");
			n += utf8_put(p + n, cp);
			r->pos = q + 1;
			break;
		}
		default:
			return opflow__perr(r, r->pos + 1, "unknown escape '\\%K': expected "
			            "one of \\\" \\\\ \\n \\t \\r \\xHH \\u{HEX}",
			            (size_t)1, r->line + r->pos + 1);
		}
	}
	r->pos++;  /* the closing quote */
	p[n] = '\0';
	r->arena_len += n + 1;
	*out = p;
	*out_len = n;
	return 0;
}

static int at_separator(const struct reader *r)
{
	return r->pos >= r->len || r->line[r->pos] == ' ' ||
	       r->line[r->pos] == '\t' || r->line[r->pos] == '#';
}

/* The next token of the line: a word, a quoted string, NAME=VALUE, or
 * the end of the line (a comment ends it too). */
int opflow__next_token(struct reader *r, struct token *t)
{
	/* the line and the position in locals: stores through r would
	 * otherwise be reloaded at every byte */
	const unsigned char *line = (const unsigned char *)r->line;
	size_t len = r->len, pos = r->pos, start;
	int rc;

	while (pos < len && (line[pos] == ' ' || line[pos] == '\t'))
		pos++;
	r->pos = pos;
	memset(t, 0, sizeof *t);
	t->col = pos + 1;
	if (pos >= len || line[pos] == '#') {
		t->kind = TOK_END;
		return 0;
	}
	if (line[pos] == '"') {
		t->kind = TOK_STRING;
		if ((rc = read_string(r, &t->text, &t->len)))
			return rc;
		if (!at_separator(r))
			return opflow__perr(r, r->pos + 1, "expected a space after the "
			            "closing quote");
		return 0;
	}
	start = pos;
	while (pos < len && bare_char(line[pos]))
		pos++;
	r->pos = pos;
	if (pos == start)
		return opflow__perr(r, start + 1, "unexpected character %K: expected a "
		            "word, a quoted string or a comment", (size_t)1,
		            r->line + start);
	t->text = arena_push(r, r->line + start, pos - start);
	t->len = pos - start;
	t->kind = TOK_WORD;
	if (pos < len && line[pos] == '=') {
		t->kind = TOK_ATTR;
		r->pos = ++pos;
		t->value_col = pos + 1;
		if (pos < len && line[pos] == '"') {
			t->value_quoted = 1;
			if ((rc = read_string(r, &t->value, &t->value_len)))
				return rc;
		} else {
			size_t v = pos;

			while (pos < len && bare_char(line[pos]))
				pos++;
			r->pos = pos;
			if (pos == v)
				return opflow__perr(r, v + 1, "expected a value after '%s='",
				            t->text);
			t->value = arena_push(r, r->line + v, pos - v);
			t->value_len = pos - v;
		}
	}
	if (!at_separator(r))
		return opflow__perr(r, r->pos + 1, "unexpected character %K: expected a "
		            "space, the end of the line or a comment", (size_t)1,
		            r->line + r->pos);
	return 0;
}

/* Whether the len bytes at s are all ASCII and none is NUL: the line
 * needs no other check. */
static int plain_ascii(const char *s, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		/* a byte of 0 borrows into its top bit */
		if (((w - 0x0101010101010101ull) | w) & 0x8080808080808080ull)
			return 0;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] - 1u >= 0x7Fu)
			return 0;
	return 1;
}

/* A NUL byte or invalid UTF-8 within the limit comes first, then a line
 * past it, at its first byte past it: nothing here looks further than
 * the limit and one sequence, so a stream cut short after that
 * (read_all) reads the same. */
int opflow__check_line(const struct reader *r)
{
	size_t len = r->len, scan, bad;
	const char *nul;

	if (len <= OPFLOW__LINE_MAX && plain_ascii(r->line, len))
		return 0;
	scan = len < OPFLOW__LINE_MAX ? len : OPFLOW__LINE_MAX;
	if ((nul = memchr(r->line, '\0', scan)))
		return opflow__perr(r, (size_t)(nul - r->line) + 1,
		            "a NUL byte is not allowed in the text");
	scan = len < OPFLOW__LINE_MAX + 3 ? len : OPFLOW__LINE_MAX + 3;
	bad = opflow__utf8_invalid_at(r->line, scan);
	if (bad < scan && bad < OPFLOW__LINE_MAX)
		return opflow__perr(r, bad + 1, "invalid UTF-8");
	if (len > OPFLOW__LINE_MAX)
		return opflow__perr(r, (size_t)OPFLOW__LINE_MAX + 1, "the line is "
		            "longer than %u bytes", (unsigned)OPFLOW__LINE_MAX);
	return 0;
}

int opflow__at(const struct reader *r, size_t col)
{
	/* running out of memory is not the text's fault */
	if (opflow_error_code() == OPFLOW_ENOMEM)
		return OPFLOW_ENOMEM;
	return opflow__error_at(OPFLOW_EPARSE, r->lineno, col, "%m");
}
