/*
 * alloc.c - the allocator hook.  Every allocation of the library goes
 * through here, so an embedder can supply its own allocator and a test can
 * fail the Nth allocation.
 */
#include "config.h"

#include "internal.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(HAVE_SYS_MMAN_H) && defined(HAVE_MADVISE)
#include <sys/mman.h>
#endif

/* Blocks of the default allocator from HUGE_MIN bytes (rows, layouts,
 * working blocks and results of large graphs, all written end to end)
 * are offered transparent huge pages where the system has them, as NumPy
 * does for its arrays: a first touch then maps 2 MiB at once instead of
 * 4 KiB.  The aligned 2 MiB pieces inside the block only; a hint, its
 * failure ignored.  An allocator of the caller's gets no such advice. */
#define HUGE_PAGE ((uintptr_t)2 << 20)
#define HUGE_MIN ((size_t)4 << 20)

static void *advise(void *p, size_t size)
{
#if defined(MADV_HUGEPAGE) && defined(HAVE_MADVISE)
	if (p && size >= HUGE_MIN) {
		uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		uintptr_t hi = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);

		if (hi > lo)
			(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	}
#else
	(void)size;
#endif
	return p;
}

static void *default_malloc(size_t size, void *ctx)
{
	(void)ctx;
	return advise(malloc(size), size);
}

static void *default_realloc(void *ptr, size_t size, void *ctx)
{
	(void)ctx;
	return advise(realloc(ptr, size), size);
}

static void default_free(void *ptr, void *ctx)
{
	(void)ctx;
	free(ptr);
}

static opflow_malloc_fn hook_malloc = default_malloc;
static opflow_realloc_fn hook_realloc = default_realloc;
static opflow_free_fn hook_free = default_free;
static void *hook_ctx;

/* Blocks handed out and not yet freed: while any is live, the hook may
 * not change (its free would be handed memory it never allocated). */
static atomic_size_t live_blocks;

int opflow_set_allocator(opflow_malloc_fn malloc_fn, opflow_realloc_fn realloc_fn,
                         opflow_free_fn free_fn, void *ctx)
{
	int all = malloc_fn && realloc_fn && free_fn;
	int none = !malloc_fn && !realloc_fn && !free_fn;

	if (!all && !none)
		return opflow__error(OPFLOW_EINVAL,
		    "opflow_set_allocator: malloc_fn, realloc_fn and free_fn "
		    "must all be given, or all be NULL");
	if (atomic_load(&live_blocks) != 0)
		return opflow__error(OPFLOW_EMISUSE,
		    "opflow_set_allocator: %zu blocks allocated by the library "
		    "are still live; free every object first",
		    (size_t)atomic_load(&live_blocks));
	if (none) {
		hook_malloc = default_malloc;
		hook_realloc = default_realloc;
		hook_free = default_free;
		hook_ctx = NULL;
	} else {
		hook_malloc = malloc_fn;
		hook_realloc = realloc_fn;
		hook_free = free_fn;
		hook_ctx = ctx;
	}
	return 0;
}

void *opflow__malloc(size_t size)
{
	void *p;

	if (size == SIZE_MAX)
		return NULL;
	p = hook_malloc(size ? size : 1, hook_ctx);
	if (p)
		atomic_fetch_add(&live_blocks, 1);
	return p;
}

void *opflow__calloc(size_t count, size_t size)
{
	size_t bytes = opflow__mul(count, size);
	void *p = opflow__malloc(bytes);

	if (p)
		memset(p, 0, bytes);
	return p;
}

void *opflow__realloc(void *ptr, size_t size)
{
	void *p;

	if (!ptr)
		return opflow__malloc(size);
	if (size == SIZE_MAX)
		return NULL;
	p = hook_realloc(ptr, size ? size : 1, hook_ctx);
	return p;
}

void opflow__free(void *ptr)
{
	if (!ptr)
		return;
	atomic_fetch_sub(&live_blocks, 1);
	hook_free(ptr, hook_ctx);
}

void opflow_free(void *ptr)
{
	opflow__free(ptr);
}

size_t opflow__mul(size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		return SIZE_MAX;
	return count * size;
}

int opflow__grow(void **ptr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2) {
			ncap = need;
			break;
		}
		ncap *= 2;
	}
	if (opflow__mul(ncap, size) == SIZE_MAX)
		return opflow__error(OPFLOW_ERANGE,
		    "a table of %zu elements of %zu bytes would overflow",
		    ncap, size);
	p = opflow__realloc(*ptr, ncap * size);
	if (!p)
		return opflow__nomem();
	*ptr = p;
	*cap = ncap;
	return 0;
}

int opflow__options_init(void *opts, const void *init, unsigned version,
                         const size_t *sizes, unsigned current,
                         const char *fn)
{
	if (!opts)
		return opflow__null_arg(fn, "opts");
	if (version < 1 || version > current)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: unsupported version %u (this library knows versions 1 "
		    "to %u)", fn, version, current);
	/* a caller built against an older header has a shorter struct */
	memcpy(opts, init, sizes[version]);
	*(unsigned int *)opts = version;
	return 0;
}
