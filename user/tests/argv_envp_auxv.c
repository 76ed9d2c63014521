/* EXPECT: exit 0 */
/*
 * The initial stack: argc, argv, envp and the auxiliary vector arrive exactly as runall
 * passed them and laid out as Linux lays them out (fs/binfmt_elf.c, create_elf_tables()):
 * argv, envp and auxv follow each other, and AT_PAGESZ, AT_ENTRY, AT_PHDR, AT_PHENT,
 * AT_PHNUM and AT_RANDOM describe this very program.
 */
#include <check.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char _start[];                  /* crt0.S */
extern const Elf64_Ehdr __ehdr_start;  /* the linker's name for our own ELF header */

static void check_args(int argc, char **argv, char **envp)
{
	CHECK_EQ(argc, 3);
	CHECK(!strcmp(argv[0], "/tests/argv_envp_auxv"),
	      "argv[0] is \"%s\", expected \"/tests/argv_envp_auxv\"", argv[0]);
	CHECK(!strcmp(argv[1], "faultline"), "argv[1] is \"%s\", expected \"faultline\"", argv[1]);
	CHECK(!strcmp(argv[2], "two words"), "argv[2] is \"%s\", expected \"two words\"", argv[2]);
	CHECK(argv[3] == NULL, "argv[3] is not NULL");
	CHECK(envp == argv + argc + 1, "envp %p does not follow argv's NULL (%p)",
	      (void *)envp, (void *)(argv + argc + 1));
	CHECK(envp == environ, "environ %p is not envp %p", (void *)environ, (void *)envp);
	CHECK(envp[0] && !strcmp(envp[0], "FAULTLINE_TEST=1"),
	      "envp[0] is \"%s\", expected \"FAULTLINE_TEST=1\"", envp[0] ? envp[0] : "(null)");
	CHECK(envp[1] && !strcmp(envp[1], "HOME=/"),
	      "envp[1] is \"%s\", expected \"HOME=/\"", envp[1] ? envp[1] : "(null)");
	CHECK(envp[2] == NULL, "envp[2] is \"%s\", expected the end of envp", envp[2]);
	CHECK(getenv("HOME") && !strcmp(getenv("HOME"), "/"), "getenv(\"HOME\") is not \"/\"");
	/* sp pointed at argc on entry, 16-byte aligned as both psABIs require. */
	CHECK(((unsigned long)(argv - 1) & 15) == 0, "argc at %p is not 16-byte aligned",
	      (void *)(argv - 1));
	CHECK_EQ((long)argv[-1], argc);
}

/* Each key once, then AT_NULL; returns the address just past the AT_NULL pair. */
static unsigned long *check_auxv_shape(char **envp)
{
	unsigned long *a = __auxv;
	int seen[64] = { 0 };

	CHECK(a == (unsigned long *)(envp + 3), "auxv %p does not follow envp's NULL (%p)",
	      (void *)a, (void *)(envp + 3));
	for (; a[0] != AT_NULL; a += 2) {
		if (a[0] < 64) {
			CHECK(!seen[a[0]], "auxv key %lu appears twice", a[0]);
			seen[a[0]] = 1;
		}
	}
	return a + 2;
}

static void check_phdrs(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);
	unsigned long entry = (unsigned long)_start;
	int loads = 0, text_found = 0;

	CHECK_EQ(getauxval(AT_PHENT), sizeof(Elf64_Phdr));
	CHECK_EQ(phnum, __ehdr_start.e_phnum);
	CHECK(ph == (const Elf64_Phdr *)((const char *)&__ehdr_start + __ehdr_start.e_phoff),
	      "AT_PHDR %p is not our program header table at %p", (void *)ph,
	      (void *)((const char *)&__ehdr_start + __ehdr_start.e_phoff));
	for (unsigned long i = 0; i < phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		loads++;
		CHECK(ph[i].p_filesz <= ph[i].p_memsz, "PT_LOAD %lu: filesz > memsz", i);
		if (entry >= ph[i].p_vaddr && entry < ph[i].p_vaddr + ph[i].p_memsz) {
			text_found = 1;
			CHECK(ph[i].p_flags & PF_X, "the segment holding _start is not executable");
		}
	}
	CHECK(loads >= 1, "no PT_LOAD among the %lu program headers at AT_PHDR", phnum);
	CHECK(text_found, "no PT_LOAD covers _start at %p", (void *)_start);
}

int main(int argc, char **argv, char **envp)
{
	unsigned long *auxv_end;
	const unsigned char *random;
	unsigned char ored = 0;

	check_args(argc, argv, envp);
	auxv_end = check_auxv_shape(envp);

	CHECK_EQ(getauxval(AT_PAGESZ), 4096);
	CHECK_EQ(getauxval(AT_ENTRY), (unsigned long)_start);
	CHECK_EQ(getauxval(AT_ENTRY), __ehdr_start.e_entry);
	check_phdrs();

	/* AT_RANDOM: 16 readable bytes, on the stack above the vectors, not all zero. */
	random = (const unsigned char *)getauxval(AT_RANDOM);
	CHECK(random != NULL, "no AT_RANDOM");
	CHECK((const void *)random >= (const void *)auxv_end,
	      "AT_RANDOM %p lies below the end of the auxv %p", (void *)random, (void *)auxv_end);
	for (int i = 0; i < 16; i++)
		ored |= ((const volatile unsigned char *)random)[i];
	CHECK(ored != 0, "the 16 AT_RANDOM bytes are all zero");
	/* The strings live above the vectors too. */
	CHECK((void *)argv[0] >= (void *)auxv_end && (void *)envp[0] >= (void *)auxv_end,
	      "argv/envp strings lie below the end of the auxv");
	return 0;
}
