/*
 * fuzz_tool.c - runs the opflow tool (tools/opflow.c, built with
 * OPFLOW_TOOL_NO_MAIN) in-process on fuzzed arguments and a fuzzed input
 * file.  An input is the arguments, one a line, then an empty line, then
 * the bytes of the file:
 *
 *   report
 *   -
 *   --deadline=120
 *
 *   opflow 1
 *   activity a duration=3
 *
 * The argument "-" reads the file from the tool's standard input, "@" is
 * replaced by the name of a temporary file holding it; a first argument
 * "!full" makes the standard output a stream that cannot be written
 * (/dev/full).  Inputs naming any existing file besides are skipped, so
 * that nothing outside the input is read.  The tool must return 0, 1 or 2
 * and say why on its standard error: nothing there on success, a usage
 * message on 2.  Inputs asking `simulate` for 1000 iterations or threads
 * or more are skipped too, to keep each run short.  Built with libFuzzer (tests/fuzz/run.sh), or with
 * tests/fuzz/replay.c to replay a corpus in `make check`.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int opflow_tool_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

/* Whether arg, after prev, asks for 1000 or more iterations or threads. */
static int too_long_a_run(const char *prev, const char *arg)
{
	static const char *const opts[] = { "--iterations", "--threads" };

	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		size_t len = strlen(opts[i]);

		if (strcmp(prev, opts[i]) == 0 && strlen(arg) > 3)
			return 1;
		if (strncmp(arg, opts[i], len) == 0 && arg[len] == '=' &&
		    strlen(arg + len + 1) > 3)
			return 1;
	}
	return 0;
}

#define MAX_ARGS 16
#define MAX_ARG_LEN 256

static void failed(int line, const char *what)
{
	fprintf(stderr, "fuzz_tool.c:%d: %s\n", line, what);
	abort();
}

#define must(condition) \
	((condition) ? (void)0 : failed(__LINE__, #condition))

/* the temporary file behind "@", removed at exit */
static char temp_path[64];

static void remove_temp(void)
{
	if (temp_path[0])
		unlink(temp_path);
}

static int write_temp(const uint8_t *data, size_t size)
{
	FILE *fp;

	if (!temp_path[0]) {
		const char *dir = getenv("TMPDIR");
		int fd;

		snprintf(temp_path, sizeof temp_path, "%s/fuzz_tool.XXXXXX",
		         dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
		if ((fd = mkstemp(temp_path)) < 0) {
			temp_path[0] = '\0';
			return -1;
		}
		close(fd);
		atexit(remove_temp);
	}
	if (!(fp = fopen(temp_path, "wb")))
		return -1;
	if (fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char empty[1], program[] = "opflow";
	char args[MAX_ARGS][MAX_ARG_LEN];
	char *argv[MAX_ARGS + 2];
	const uint8_t *file = data + size;
	size_t pos = 0, file_size = 0;
	int argc = 1, full = 0, temp = 0, rc;
	char *out_text = NULL, *err_text = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *in, *out, *err;

	/* the arguments, up to an empty line */
	argv[0] = program;
	while (pos < size) {
		const uint8_t *nl = memchr(data + pos, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - (data + pos)) : size - pos;
		struct stat st;
		char *arg;

		if (len == 0) {
			file = data + pos + 1;
			file_size = size - pos - 1;
			break;
		}
		if (argc > MAX_ARGS || len >= MAX_ARG_LEN ||
		    memchr(data + pos, '\0', len))
			return -1;
		arg = args[argc - 1];
		memcpy(arg, data + pos, len);
		arg[len] = '\0';
		pos += len + 1;
		if (argc == 1 && strcmp(arg, "!full") == 0 && !full) {
			full = 1;
			continue;
		}
		if (too_long_a_run(argc > 1 ? argv[argc - 1] : "", arg))
			return -1;
		if (strcmp(arg, "@") == 0)
			temp = 1;
		else if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0)
			return -1;      /* reads nothing but the input */
		argv[argc++] = arg;
	}
	argv[argc] = NULL;
	if (temp) {
		if (write_temp(file, file_size))
			return -1;
		for (int i = 1; i < argc; i++)
			if (strcmp(argv[i], "@") == 0)
				argv[i] = temp_path;
	}

	in = fmemopen(file_size ? (void *)file : empty,
	              file_size ? file_size : 1, "rb");
	must(in != NULL);
	if (!file_size)
		(void)fgetc(in);        /* fmemopen wants a byte */
	out = full ? fopen("/dev/full", "w") : open_memstream(&out_text,
	                                                       &out_len);
	if (!out) {
		fclose(in);
		return -1;
	}
	err = open_memstream(&err_text, &err_len);
	must(err != NULL);

	rc = opflow_tool_main(argc, argv, in, out, err);

	fclose(in);
	fclose(out);
	fclose(err);
	must(rc == 0 || rc == 1 || rc == 2);
	must(strlen(err_text) == err_len);
	/* success says nothing on standard error */
	must(rc != 0 || err_len == 0);
	/* output that cannot be written fails */
	must(!full || rc != 0);
	if (rc == 2) {
		static const char tail[] = "\nTry 'opflow --help'.\n";

		must(strncmp(err_text, "opflow: ", 8) == 0);
		must(err_len >= sizeof tail - 1 &&
		     strcmp(err_text + err_len - (sizeof tail - 1), tail) == 0);
	}
	/* an input error names the file or says what could not be written,
	 * but for check --strict, whose warnings are on standard output */
	if (rc == 1 && err_len == 0)
		must(!full && out_text && strstr(out_text, " warnings\n"));
	free(out_text);
	free(err_text);
	return 0;
}
