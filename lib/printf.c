/* vsnprintf: the one formatter behind printk and snprintf. */
#include <lib/printf.h>
#include <lib/string.h>

/* The output cursor: chars past the end of the buffer are counted but not stored. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

#define F_LEFT  1 /* '-': pad on the right */
#define F_ZERO  2 /* '0': pad numbers with zeros */
#define F_PLUS  4 /* '+': always print a sign */
#define F_SPACE 8 /* ' ': space where a '+' would go */
#define F_ALT  16 /* '#': 0x prefix for %x, 0 for %o */
#define F_UPPER 32

struct spec {
	int flags;
	int width;     /* -1: none */
	int precision; /* -1: none */
};

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Print an unsigned magnitude with an optional sign and prefix, honouring the spec. */
static void put_number(struct out *o, unsigned long long v, bool negative, unsigned base,
		       const struct spec *sp)
{
	const char *digits = (sp->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, zeros, total;
	const char *prefix = "";

	if (v == 0 && sp->precision != 0)
		tmp[n++] = '0';
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (negative)
		prefix = "-";
	else if (sp->flags & F_PLUS)
		prefix = "+";
	else if (sp->flags & F_SPACE)
		prefix = " ";
	else if ((sp->flags & F_ALT) && base == 16 && n && !(n == 1 && tmp[0] == '0'))
		prefix = (sp->flags & F_UPPER) ? "0X" : "0x";
	else if ((sp->flags & F_ALT) && base == 8 && !(n && tmp[n - 1] == '0'))
		prefix = "0";

	zeros = sp->precision > n ? sp->precision - n : 0;
	total = (int)strlen(prefix) + zeros + n;
	if (sp->precision < 0 && (sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', sp->width - total);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', sp->width - total);
}

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, sp->precision < 0 ? (size_t)-1 : (size_t)sp->precision);
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', sp->width - len);
}

/* Parse flags, width and precision at *fmt; advances *fmt past them. */
static void parse_spec(const char **fmt, va_list *ap, struct spec *sp)
{
	const char *f = *fmt;

	sp->flags = 0;
	sp->width = -1;
	sp->precision = -1;
	for (;; f++) {
		if (*f == '-')
			sp->flags |= F_LEFT;
		else if (*f == '0')
			sp->flags |= F_ZERO;
		else if (*f == '+')
			sp->flags |= F_PLUS;
		else if (*f == ' ')
			sp->flags |= F_SPACE;
		else if (*f == '#')
			sp->flags |= F_ALT;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= F_LEFT;
			sp->width = -sp->width;
		}
		f++;
	} else {
		for (; *f >= '0' && *f <= '9'; f++)
			sp->width = (sp->width < 0 ? 0 : sp->width * 10) + (*f - '0');
	}
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			f++;
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				sp->precision = sp->precision * 10 + (*f - '0');
		}
	}
	*fmt = f;
}

/* Length modifier: how many bytes the integer argument has. */
enum int_size { SZ_CHAR, SZ_SHORT, SZ_INT, SZ_LONG, SZ_LLONG };

static enum int_size parse_length(const char **fmt)
{
	const char *f = *fmt;
	enum int_size sz = SZ_INT;

	if (f[0] == 'h' && f[1] == 'h') {
		sz = SZ_CHAR;
		f += 2;
	} else if (f[0] == 'h') {
		sz = SZ_SHORT;
		f++;
	} else if (f[0] == 'l' && f[1] == 'l') {
		sz = SZ_LLONG;
		f += 2;
	} else if (f[0] == 'l' || f[0] == 'z' || f[0] == 't') {
		sz = SZ_LONG; /* size_t and ptrdiff_t are long on LP64 */
		f++;
	}
	*fmt = f;
	return sz;
}

static long long signed_arg(va_list *ap, enum int_size sz)
{
	switch (sz) {
	case SZ_CHAR:  return (signed char)va_arg(*ap, int);
	case SZ_SHORT: return (short)va_arg(*ap, int);
	case SZ_INT:   return va_arg(*ap, int);
	case SZ_LONG:  return va_arg(*ap, long);
	default:       return va_arg(*ap, long long);
	}
}

static unsigned long long unsigned_arg(va_list *ap, enum int_size sz)
{
	switch (sz) {
	case SZ_CHAR:  return (unsigned char)va_arg(*ap, unsigned int);
	case SZ_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case SZ_INT:   return va_arg(*ap, unsigned int);
	case SZ_LONG:  return va_arg(*ap, unsigned long);
	default:       return va_arg(*ap, unsigned long long);
	}
}

/* One conversion (the character after flags, width, precision and length). */
static void convert(struct out *o, char conv, struct spec *sp, enum int_size sz, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		long long v = signed_arg(ap, sz);
		unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

		put_number(o, mag, v < 0, 10, sp);
		break;
	}
	case 'u':
		sp->flags &= ~(F_PLUS | F_SPACE);
		put_number(o, unsigned_arg(ap, sz), false, 10, sp);
		break;
	case 'X':
		sp->flags |= F_UPPER;
		/* fall through */
	case 'x':
		sp->flags &= ~(F_PLUS | F_SPACE);
		put_number(o, unsigned_arg(ap, sz), false, 16, sp);
		break;
	case 'o':
		sp->flags &= ~(F_PLUS | F_SPACE);
		put_number(o, unsigned_arg(ap, sz), false, 8, sp);
		break;
	case 'p': {
		/* Always 0x plus 16 digits: kernel addresses are read in columns. */
		struct spec psp = { F_ZERO, 16, -1 };

		put(o, '0');
		put(o, 'x');
		put_number(o, (unsigned long)va_arg(*ap, void *), false, 16, &psp);
		break;
	}
	case 's':
		put_string(o, va_arg(*ap, const char *), sp);
		break;
	case 'c':
		if (!(sp->flags & F_LEFT))
			pad(o, ' ', sp->width - 1);
		put(o, (char)va_arg(*ap, int));
		if (sp->flags & F_LEFT)
			pad(o, ' ', sp->width - 1);
		break;
	case '%':
		put(o, '%');
		break;
	default:
		/* Unknown conversion: print it as is, so the mistake is visible. */
		put(o, '%');
		put(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list ap;

	va_copy(ap, ap_in);
	for (; *fmt; fmt++) {
		enum int_size sz;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &ap, &sp);
		sz = parse_length(&fmt);
		if (*fmt == '\0')
			break; /* a lone '%' at the end */
		convert(&o, *fmt, &sp, sz, &ap);
	}
	va_end(ap);
	if (size)
		o.buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
