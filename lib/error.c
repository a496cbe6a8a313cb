/*
 * error.c - error codes, their fixed texts, and the calling thread's last
 * error: a message naming what was wrong, the line and column of a parse
 * error, and the activities on a cycle.
 */
#include "config.h"

#include "internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>

#define MESSAGE_MAX 4096
#define KEY_QUOTE_MAX 160

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && \
    !defined(__STDC_NO_THREADS__)
#  define OPFLOW_THREAD_LOCAL _Thread_local
#else
#  define OPFLOW_THREAD_LOCAL __thread
#endif

/* The cycle details live in one block from the allocator hook; like any
 * block it counts as live, so the hook cannot change under it (clearing
 * the error releases it, and so does the thread's exit).
 *
 * A block a thread holds as its details is also on the registry below,
 * under the lock, and is the thread's value of cycle_key, whose
 * destructor frees it when the thread exits.  A library unloaded while
 * threads still hold blocks (dlclose) must neither leak them nor leave a
 * destructor pointing into code that is gone: its own destructor
 * (error_unload) deletes the key and frees every block on the registry.
 * Whichever of the thread's exit and the unloading comes first frees a
 * block; the lock makes sure that it is only one of them. */
struct cycle_block {
	struct cycle_block *prev, *next;    /* on the registry */
	struct cycle_block **owner;         /* the holder's tls_error.cycle */
	int registered;
	size_t length;
	uint32_t *ids;
	const char **keys;
	/* ids, key pointers and key bytes follow */
};

struct error_state {
	int code;
	size_t line, column;
	struct cycle_block *cycle;
	char message[MESSAGE_MAX];
};

static OPFLOW_THREAD_LOCAL struct error_state tls_error;

static pthread_key_t cycle_key;
static pthread_once_t cycle_key_once = PTHREAD_ONCE_INIT;
static int cycle_key_ok;

/* The blocks threads hold, the key's state and whether the library has
 * been unloaded (or the process is exiting): all under registry_lock. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cycle_block *registry;
static int unloaded;
/* Threads inside cycle_key_destructor, which the unloading waits for. */
static atomic_int in_key_destructor;

static void unlink_block(struct cycle_block *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		registry = b->next;
	if (b->next)
		b->next->prev = b->prev;
	b->prev = b->next = NULL;
	b->registered = 0;
}

/* The thread is exiting: free its block, and forget it, so that a later
 * destructor calling into the library cannot free it again.  Once the
 * library is unloaded the block is already freed. */
static void cycle_key_destructor(void *p)
{
	struct cycle_block *b = p;

	atomic_fetch_add(&in_key_destructor, 1);
	pthread_mutex_lock(&registry_lock);
	if (unloaded || !b->registered)
		b = NULL;
	else
		unlink_block(b);
	pthread_mutex_unlock(&registry_lock);
	if (b) {
		if (tls_error.cycle == b)
			tls_error.cycle = NULL;
		opflow__free(b);
	}
	atomic_fetch_sub(&in_key_destructor, 1);
}

static void make_cycle_key(void)
{
	cycle_key_ok = pthread_key_create(&cycle_key, cycle_key_destructor) == 0;
}

/* Makes b the thread's cycle details (it holds none). */
static void hold_cycle(struct cycle_block *b)
{
	pthread_once(&cycle_key_once, make_cycle_key);
	b->prev = b->next = NULL;
	b->registered = 0;
	/* without the key's value, a thread's exit goes unnoticed: the
	 * unloading frees the block then, and has no holder to tell */
	b->owner = NULL;
	pthread_mutex_lock(&registry_lock);
	if (!unloaded) {
		b->next = registry;
		if (registry)
			registry->prev = b;
		registry = b;
		b->registered = 1;
		/* the key's destructor frees the block when the thread exits */
		if (cycle_key_ok && pthread_setspecific(cycle_key, b) == 0)
			b->owner = &tls_error.cycle;
	}
	tls_error.cycle = b;
	pthread_mutex_unlock(&registry_lock);
}

/* Takes the thread's cycle details (NULL when none) off the registry and
 * the key: the caller frees them, or holds them again. */
static struct cycle_block *release_cycle(void)
{
	struct cycle_block *b = tls_error.cycle;

	if (!b)
		return NULL;
	tls_error.cycle = NULL;
	pthread_mutex_lock(&registry_lock);
	if (b->registered) {
		unlink_block(b);
		if (cycle_key_ok)
			pthread_setspecific(cycle_key, NULL);
	}
	pthread_mutex_unlock(&registry_lock);
	return b;
}

static void drop_cycle(void)
{
	opflow__free(release_cycle());
}

#if defined(OPFLOW__HAVE_DESTRUCTOR)
/* The library is being unloaded, or the process is exiting: no thread is
 * inside a call of the library.  Frees the blocks of the threads still
 * holding cycle details, clears their details, and deletes the key, so
 * that no destructor of the library runs when those threads exit. */
OPFLOW__DESTRUCTOR static void error_unload(void)
{
	struct cycle_block *b, *next;

	pthread_mutex_lock(&registry_lock);
	unloaded = 1;
	b = registry;
	registry = NULL;
	if (cycle_key_ok) {
		pthread_key_delete(cycle_key);
		cycle_key_ok = 0;
	}
	pthread_mutex_unlock(&registry_lock);
	for (; b; b = next) {
		next = b->next;
		/* the holder is alive (or inside the key's destructor): a
		 * thread unlinks its block before its exit ends */
		if (b->owner && *b->owner == b)
			*b->owner = NULL;
		opflow__free(b);
	}
	/* a thread exiting right now may have entered the key's destructor
	 * before the key was deleted: let it leave the library's code */
	while (atomic_load(&in_key_destructor) != 0)
		sched_yield();
}
#endif

/* Moves the thread's error details aside (the cycle block with them), so
 * that a call made on the library's own behalf leaves them as they were. */
void opflow__error_save(struct opflow__saved_error *saved)
{
	saved->code = tls_error.code;
	saved->line = tls_error.line;
	saved->column = tls_error.column;
	saved->cycle = release_cycle();
	memcpy(saved->message, tls_error.message, sizeof saved->message);
}

void opflow__error_restore(struct opflow__saved_error *saved)
{
	drop_cycle();
	tls_error.code = saved->code;
	tls_error.line = saved->line;
	tls_error.column = saved->column;
	memcpy(tls_error.message, saved->message, sizeof tls_error.message);
	if (saved->cycle)
		hold_cycle(saved->cycle);
	saved->cycle = NULL;
}

const char *opflow_version(void)
{
	return OPFLOW_VERSION;
}

int opflow_version_number(void)
{
	return OPFLOW_VERSION_NUMBER;
}

const char *opflow_strerror(int code)
{
	switch (code) {
	case OPFLOW_OK: return "success";
	case OPFLOW_ENOMEM: return "out of memory";
	case OPFLOW_EINVAL: return "invalid argument";
	case OPFLOW_ENOTFOUND: return "not found";
	case OPFLOW_EEXISTS: return "already exists";
	case OPFLOW_ECYCLE: return "the graph has a cycle";
	case OPFLOW_EPARSE: return "parse error";
	case OPFLOW_EIO: return "input/output error";
	case OPFLOW_ERANGE: return "out of range";
	case OPFLOW_EMISUSE: return "library misuse";
	case OPFLOW_ECANCELED: return "cancelled";
	default: return "unknown error code";
	}
}

int opflow_error_code(void)
{
	return tls_error.code;
}

const char *opflow_error_message(void)
{
	return tls_error.message;
}

size_t opflow_error_line(void)
{
	return tls_error.line;
}

size_t opflow_error_column(void)
{
	return tls_error.column;
}

size_t opflow_error_cycle_length(void)
{
	return tls_error.cycle ? tls_error.cycle->length : 0;
}

const char *opflow_error_cycle_key(size_t index)
{
	if (!tls_error.cycle || index >= tls_error.cycle->length)
		return NULL;
	return tls_error.cycle->keys[index];
}

opflow_id opflow_error_cycle_id(size_t index)
{
	if (!tls_error.cycle || index >= tls_error.cycle->length)
		return OPFLOW_NONE;
	return tls_error.cycle->ids[index];
}

void opflow_error_clear(void)
{
	drop_cycle();
	tls_error.code = 0;
	tls_error.line = 0;
	tls_error.column = 0;
	tls_error.message[0] = '\0';
}

/* ------------------------------------------------------------ formatting */

struct out {
	char *buf;
	size_t cap, len;
};

static void put(struct out *o, const char *s, size_t n)
{
	size_t room = o->cap - 1 - o->len;

	if (n > room)
		n = room;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void put_unsigned(struct out *o, size_t v)
{
	char tmp[24];
	size_t n = opflow__format_size(tmp, v);

	put(o, tmp, n);
}

static void put_key(struct out *o, const char *s, size_t len)
{
	char tmp[MESSAGE_MAX];
	size_t n;

	if (!s) {
		put(o, "(null)", 6);
		return;
	}
	/* a long key is named by its first bytes, so the rest of the
	 * message always fits */
	n = opflow__quote(tmp, KEY_QUOTE_MAX, s, len, 0);
	put(o, tmp, n);
}

static void vformat(struct out *o, const char *fmt, const char *previous,
                    va_list ap)
{
	const char *p;

	for (p = fmt; *p; p++) {
		const char *s;
		char num[40];

		if (*p != '%') {
			put(o, p, 1);
			continue;
		}
		switch (*++p) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put(o, s, strlen(s));
			break;
		case 'k':
			s = va_arg(ap, const char *);
			put_key(o, s, s ? strlen(s) : 0);
			break;
		case 'K': {
			size_t len = va_arg(ap, size_t);

			s = va_arg(ap, const char *);
			put_key(o, s, len);
			break;
		}
		case 'd': {
			int v = va_arg(ap, int);

			if (v < 0) {
				put(o, "-", 1);
				put_unsigned(o, (size_t)-(long long)v);
			} else {
				put_unsigned(o, (size_t)v);
			}
			break;
		}
		case 'u':
			put_unsigned(o, va_arg(ap, unsigned));
			break;
		case 'D': {     /* long long */
			long long v = va_arg(ap, long long);

			if (v < 0)
				put(o, "-", 1);
			put_unsigned(o, (size_t)(v < 0 ? -(unsigned long long)v
			                               : (unsigned long long)v));
			break;
		}
		case 'z':
			if (p[1] == 'u')
				p++;
			put_unsigned(o, va_arg(ap, size_t));
			break;
		case 'g':
			put(o, num, opflow__format_double(num, va_arg(ap, double)));
			break;
		case 'm':
			put(o, previous, strlen(previous));
			break;
		case '%':
			put(o, "%", 1);
			break;
		default:
			/* an internal format error: keep going, visibly */
			put(o, "%?", 2);
			if (!*p)
				return;
			break;
		}
	}
}

int opflow__verror(int code, const char *fmt, va_list ap)
{
	char previous[MESSAGE_MAX];
	struct out o;

	/* %m stands for the message being replaced */
	if (strstr(fmt, "%m"))
		memcpy(previous, tls_error.message, sizeof previous);
	else
		previous[0] = '\0';
	drop_cycle();
	tls_error.code = code;
	tls_error.line = 0;
	tls_error.column = 0;
	o.buf = tls_error.message;
	o.cap = sizeof tls_error.message;
	o.len = 0;
	o.buf[0] = '\0';
	vformat(&o, fmt, previous, ap);
	return code;
}

int opflow__error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	opflow__verror(code, fmt, ap);
	va_end(ap);
	return code;
}

int opflow__error_at(int code, size_t line, size_t column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	opflow__verror(code, fmt, ap);
	va_end(ap);
	tls_error.line = line;
	tls_error.column = column;
	return code;
}

int opflow__nomem(void)
{
	return opflow__error(OPFLOW_ENOMEM, "out of memory");
}

int opflow__null_arg(const char *func, const char *name)
{
	return opflow__error(OPFLOW_EINVAL, "%s: %s is NULL", func, name);
}

int opflow__error_cycle(const opflow_graph *g, const uint32_t *ids,
                        size_t length)
{
	struct cycle_block *b;
	size_t bytes = sizeof *b, i;
	struct out o;
	char *text;

	opflow__error(OPFLOW_ECYCLE, "cycle: ");
	o.buf = tls_error.message;
	o.cap = sizeof tls_error.message;
	o.len = strlen(o.buf);
	for (i = 0; i <= length; i++) {
		uint32_t id = ids[i % length];

		if (i)
			put(&o, " -> ", 4);
		put_key(&o, opflow__key(g, id), g->acts[id].key_len);
	}
	for (i = 0; i < length; i++)
		bytes += sizeof(uint32_t) + sizeof(char *) +
		         g->acts[ids[i]].key_len + 1;
	b = opflow__malloc(bytes);
	if (!b)
		return opflow__nomem();
	b->length = length;
	b->keys = (const char **)(void *)(b + 1);
	b->ids = (uint32_t *)(void *)(b->keys + length);
	text = (char *)(b->ids + length);
	for (i = 0; i < length; i++) {
		size_t len = g->acts[ids[i]].key_len;

		b->ids[i] = ids[i];
		memcpy(text, opflow__key(g, ids[i]), len);
		text[len] = '\0';
		b->keys[i] = text;
		text += len + 1;
	}
	hold_cycle(b);
	return OPFLOW_ECYCLE;
}
