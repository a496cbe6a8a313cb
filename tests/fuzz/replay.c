/*
 * replay.c - runs a fuzz target over every file of a corpus without
 * libFuzzer, so that `make check` replays what fuzzing found.  Built once
 * per target, with FUZZ_CORPUS naming its corpus (and FUZZ_EXAMPLES set
 * for the targets that read .opflow files as they are).
 * Usage: fuzz_replay[_TARGET] [DIR-OR-FILE...]; no argument: the corpus
 * under $abs_top_srcdir/tests/fuzz/corpus/FUZZ_CORPUS (and the examples).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "load"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!fp) {
		perror(path);
		return 1;
	}
	do {
		if (cap - len < 4096) {
			uint8_t *p = realloc(buf, cap = cap * 2 + 4096);

			if (!p) {
				fclose(fp);
				free(buf);
				return 1;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got);
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int replay(const char *path, size_t *count)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		(*count)++;
		return replay_file(path);
	}
	while ((e = readdir(d))) {
		char full[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(full, sizeof full, "%s/%s", path, e->d_name);
		(*count)++;
		rc |= replay_file(full);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			rc |= replay(argv[i], &count);
	} else {
		const char *top = getenv("abs_top_srcdir");
		char dir[4096];

		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s",
		         top ? top : ".", FUZZ_CORPUS);
		rc = replay(dir, &count);
#ifdef FUZZ_EXAMPLES
		snprintf(dir, sizeof dir, "%s/examples", top ? top : ".");
		rc |= replay(dir, &count);
#endif
	}
	printf("replayed %zu inputs\n", count);
	return rc || count == 0;
}
