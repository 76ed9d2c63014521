/* stdio on files: write, append, read back by line and by block, seek, tell, rename, remove. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PATH "/tmp/realprog-stdio.txt"
#define PATH2 "/tmp/realprog-stdio-renamed.txt"

int main(void)
{
	char line[128];
	FILE *f = fopen(PATH, "w");
	int n = 0;

	if (!f) {
		printf("fopen %s for writing: %s\n", PATH, strerror(errno));
		return 1;
	}
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %03d: %s\n", i, i % 2 ? "odd" : "even");
	fclose(f);
	f = fopen(PATH, "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen(PATH, "r");
	if (!f) {
		printf("fopen %s for reading: %s\n", PATH, strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		n++;
	printf("%d lines, at offset %ld\n", n, ftell(f));
	fseek(f, 10 * 15, SEEK_SET);
	if (fgets(line, sizeof(line), f))
		printf("line at 150: %s", line);
	fseek(f, -9, SEEK_END);
	printf("read %zu bytes at the end: ", fread(line, 1, 9, f));
	fwrite(line, 1, 9, stdout);
	fclose(f);
	printf("rename: %d\n", rename(PATH, PATH2));
	printf("fopen old name: %s\n", fopen(PATH, "r") ? "found" : strerror(errno));
	printf("remove: %d\n", remove(PATH2));
	printf("fopen after remove: %s\n", fopen(PATH2, "r") ? "found" : strerror(errno));
	fprintf(stderr, "stderr works\n");
	return 0;
}
