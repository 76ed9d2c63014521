/* EXPECT: exit 0 */
/*
 * uname(): machine names the arch this program was built for ("riscv64" or "x86_64",
 * read from our own ELF header's e_machine), sysname is "Faultline" (or "Linux"), and
 * every field is a NUL-terminated string within its 65 bytes.
 */
#include <check.h>
#include <elf.h>
#include <string.h>
#include <sys/utsname.h>

extern const Elf64_Ehdr __ehdr_start;

int main(void)
{
	struct utsname u;
	const char *machine = __ehdr_start.e_machine == EM_RISCV ? "riscv64" :
			      __ehdr_start.e_machine == EM_X86_64 ? "x86_64" : "?";
	const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine,
				 u.domainname };

	memset(&u, 0x7f, sizeof(u)); /* no NUL anywhere unless the kernel writes one */
	CHECK_EQ(uname(&u), 0);
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		CHECK(strnlen(fields[i], 65) < 65, "utsname field %zu is not NUL-terminated", i);
	CHECK(!strcmp(u.machine, machine), "machine is \"%s\", expected \"%s\"", u.machine, machine);
	CHECK(!strcmp(u.sysname, "Faultline") || !strcmp(u.sysname, "Linux"),
	      "sysname is \"%s\"", u.sysname);
	CHECK(u.release[0] != '\0', "release is empty");
	CHECK(on_faultline() == !strcmp(u.sysname, "Faultline"), "on_faultline() disagrees");
	return 0;
}
